// Generated from src/model/pay.rs by tests/generated.rs. Do not edit.

/** The pay (Entry Code Payment) request. Scalars are strings on the wire; the library writes them. */
export interface PayRequest {
  /** Set by the library to "IN_STORE_PAYMENT"; any other value is refused. */
  productCode?: "IN_STORE_PAYMENT";
  /** Required. Your idempotency key: generate it (newPaymentRequestId() makes one), store it, then send. Any characters but control characters; no surrounding spaces. At most 64 characters. */
  paymentRequestId: string;
  /** Required. */
  order: Order;
  /** Required. Amount; value greater than zero. */
  paymentAmount: Amount;
  /** Set by the library when absent. */
  paymentMethod?: PaymentMethod;
  /** Set by the library when absent. */
  paymentFactor?: PaymentFactor;
  /** Optional. A date-time `YYYY-MM-DDTHH:MM:SS[.fraction]±HH:MM`: a numeric offset (not `Z`), within ±18:00, no leap second; not in the past, e.g. 2025-01-01T12:05:00+09:00. At most 64 characters. */
  paymentExpiryTime?: string;
  /** Optional. Absolute http(s) URL with a host (a fragment is allowed). At most 2048 characters. */
  paymentRedirectUrl?: string;
  /** Required. Absolute http(s) URL with a host (a fragment is allowed). At most 2048 characters. */
  paymentNotifyUrl: string;
  /** Required. */
  settlementStrategy: SettlementStrategy;
  /** Optional. One of US, JP, PK, SG. */
  merchantRegion?: "US" | "JP" | "PK" | "SG";
}

export interface Order {
  /** Optional. At most 64 characters. */
  referenceOrderId?: string;
  /** Required. At most 256 characters. */
  orderDescription: string;
  /** Required. Amount; value greater than zero. */
  orderAmount: Amount;
  /** Required. */
  merchant: Merchant;
  /** Optional. At most 100 elements. */
  goods?: Goods[];
  /** Optional. */
  buyer?: Buyer;
  /** Optional. */
  shipping?: Shipping;
  /** Required. */
  env: Env;
  /** Optional. At most 2048 characters. */
  extendInfo?: string;
}

/** An amount: `value` is an integer string in the currency's minor units (USD 12.34 is "1234"; see toMinorUnits). */
export interface Amount {
  /** Required. ISO 4217 code, upper case. At most 3 characters. */
  currency: string;
  /** Required. Integer in minor units, digits only, no leading zeros. At most 16 characters. */
  value: string;
}

export interface Merchant {
  /** Required. At most 64 characters. */
  referenceMerchantId: string;
  /** Required. Four-digit merchant category code. At most 4 characters. */
  merchantMCC: string;
  /** Required. At most 256 characters. */
  merchantName: string;
  /** Optional. At most 256 characters. */
  merchantDisplayName?: string;
  /** Optional. */
  merchantAddress?: Address;
  /** Optional. A date-time `YYYY-MM-DDTHH:MM:SS[.fraction]±HH:MM`: a numeric offset (not `Z`), within ±18:00, no leap second, e.g. 2025-01-01T12:05:00+09:00. At most 64 characters. */
  merchantRegisterDate?: string;
  /** Optional. At most 32 characters. */
  merchantType?: string;
  /** Required. */
  store: Store;
}

export interface Store {
  /** Required. At most 64 characters. */
  referenceStoreId: string;
  /** Required. At most 256 characters. */
  storeName: string;
  /** Required. Four-digit merchant category code. At most 4 characters. */
  storeMCC: string;
  /** Optional. At most 256 characters. */
  storeDisplayName?: string;
  /** Optional. At most 64 characters. */
  storeTerminalId?: string;
  /** Optional. At most 64 characters. */
  storeOperatorId?: string;
  /** Optional. */
  storeAddress?: Address;
  /** Optional. At most 32 characters. */
  storePhoneNo?: string;
}

export interface Address {
  /** Optional. ISO 3166 alpha-2 code, upper case. At most 2 characters. */
  region?: string;
  /** Optional. At most 8 characters. */
  state?: string;
  /** Optional. At most 32 characters. */
  city?: string;
  /** Optional. At most 256 characters. */
  address1?: string;
  /** Optional. At most 256 characters. */
  address2?: string;
  /** Optional. At most 256 characters. */
  address3?: string;
  /** Optional. At most 64 characters. */
  label?: string;
  /** Optional. At most 32 characters. */
  zipCode?: string;
}

export interface Goods {
  /** Required. At most 64 characters. */
  referenceGoodsId: string;
  /** Required. At most 256 characters. */
  goodsName: string;
  /** Optional. At most 64 characters. */
  goodsCategory?: string;
  /** Optional. At most 128 characters. */
  goodsBrand?: string;
  /** Optional. Amount. */
  goodsUnitAmount?: Amount;
  /** Optional. Integer 1 to 999999999 (string or number). At most 16 characters. */
  goodsQuantity?: string | number;
  /** Optional. At most 64 characters. */
  goodsSkuName?: string;
  /** Optional. Absolute http(s) URL with a host (a fragment is allowed). At most 2048 characters. */
  goodsUrl?: string;
  /** Optional. One of PHYSICAL, DIGITAL. */
  deliveryMethodType?: "PHYSICAL" | "DIGITAL";
  /** Optional. Absolute http(s) URL with a host (a fragment is allowed). At most 2048 characters. */
  goodsImageUrl?: string;
  /** Optional. At most 64 characters. */
  priceId?: string;
  /** Optional. Amount. */
  goodsDiscountAmount?: Amount;
  /** Optional. A date-time `YYYY-MM-DDTHH:MM:SS[.fraction]±HH:MM`: a numeric offset (not `Z`), within ±18:00, no leap second, e.g. 2025-01-01T12:05:00+09:00. At most 64 characters. */
  goodsEndsOnTime?: string;
}

export interface Buyer {
  /** Optional. At most 64 characters. */
  referenceBuyerId?: string;
  /** Optional. */
  buyerName?: UserName;
  /** Optional. At most 24 characters. */
  buyerPhoneNo?: string;
  /** Optional. E-mail address. At most 64 characters. */
  buyerEmail?: string;
  /** Optional. A date-time `YYYY-MM-DDTHH:MM:SS[.fraction]±HH:MM`: a numeric offset (not `Z`), within ±18:00, no leap second, e.g. 2025-01-01T12:05:00+09:00. At most 64 characters. */
  buyerRegistrationTime?: string;
  /** Optional. "true" or "false" (or a boolean). At most 5 characters. */
  isAccountVerified?: "true" | "false" | boolean;
  /** Optional. Integer 0 to 999999999 (string or number). At most 16 characters. */
  successfulOrderCount?: string | number;
  /** Optional. At most 8 characters. */
  buyerPhoneNoContryCode?: string;
}

export interface UserName {
  /** Optional. At most 32 characters. */
  firstName?: string;
  /** Optional. At most 32 characters. */
  middleName?: string;
  /** Optional. At most 32 characters. */
  lastName?: string;
  /** Optional. At most 128 characters. */
  fullName?: string;
}

export interface Shipping {
  /** Optional. */
  shippingName?: UserName;
  /** Optional. */
  shippingAddress?: Address;
  /** Optional. At most 128 characters. */
  shippingCarrier?: string;
  /** Optional. At most 16 characters. */
  shippingPhoneNo?: string;
  /** Optional. E-mail address. At most 64 characters. */
  shipToEmail?: string;
  /** Optional. At most 64 characters. */
  shippingFeeId?: string;
  /** Optional. Amount. */
  shippingFee?: Amount;
  /** Optional. At most 64 characters. */
  shippingDescription?: string;
  /** Optional. */
  deliveryEstimate?: DeliveryEstimate;
  /** Optional. At most 64 characters. */
  shippingNumber?: string;
  /** Optional. At most 256 characters. */
  notes?: string;
}

export interface DeliveryEstimate {
  /** Optional. */
  minimum?: DeliveryEstimateInfo;
  /** Optional. */
  maximum?: DeliveryEstimateInfo;
}

export interface DeliveryEstimateInfo {
  /** Required. One of YEAR, MONTH, DAYS, HOUR, MINUTE, SECONDS. */
  unit: "YEAR" | "MONTH" | "DAYS" | "HOUR" | "MINUTE" | "SECONDS";
  /** Required. Integer 0 to 999999999 (string or number). At most 16 characters. */
  value: string | number;
}

export interface Env {
  /** Required. At most 2048 characters. */
  userAgent: string;
  /** Optional. One of WEB, WAP, APP, MINI_APP. */
  terminalType?: "WEB" | "WAP" | "APP" | "MINI_APP";
  /** Optional. One of IOS, ANDROID. */
  osType?: "IOS" | "ANDROID";
  /** Optional. At most 32 characters. */
  osVersion?: string;
  /** Optional. At most 64 characters. */
  deviceTokenId?: string;
  /** Optional. At most 64 characters. */
  clientIp?: string;
  /** Optional. At most 64 characters. */
  cookieId?: string;
  /** Optional. At most 2048 characters. */
  extendInfo?: string;
  /** Optional. At most 64 characters. */
  storeTerminalId?: string;
  /** Optional. A date-time `YYYY-MM-DDTHH:MM:SS[.fraction]±HH:MM`: a numeric offset (not `Z`), within ±18:00, no leap second, e.g. 2025-01-01T12:05:00+09:00. At most 64 characters. */
  storeTerminalRequestTime?: string;
  /** Optional. */
  browserInfo?: BrowserInfo;
  /** Optional. Integer 1 to 64 (string or number). At most 4 characters. */
  colorDepth?: string | number;
  /** Optional. Integer 0 to 100000 (string or number). At most 8 characters. */
  screenHeight?: string | number;
  /** Optional. Integer 0 to 100000 (string or number). At most 8 characters. */
  screenWidth?: string | number;
  /** Optional. Integer -720 to 720 (string or number). At most 8 characters. */
  timeZoneOffset?: string | number;
  /** Optional. At most 64 characters. */
  deviceBrand?: string;
  /** Optional. At most 128 characters. */
  deviceModel?: string;
  /** Optional. At most 32 characters. */
  deviceLanguage?: string;
  /** Optional. At most 64 characters. */
  deviceId?: string;
}

export interface BrowserInfo {
  /** Optional. At most 2048 characters. */
  acceptHeader?: string;
  /** Optional. "true" or "false" (or a boolean). At most 5 characters. */
  javaEnabled?: "true" | "false" | boolean;
  /** Optional. "true" or "false" (or a boolean). At most 5 characters. */
  javaScriptEnabled?: "true" | "false" | boolean;
  /** Optional. At most 32 characters. */
  language?: string;
  /** Optional. At most 2048 characters. */
  userAgent?: string;
}

export interface PaymentMethod {
  /** Set by the library to "CONNECT_WALLET"; any other value is refused. */
  paymentMethodType?: "CONNECT_WALLET";
}

export interface PaymentFactor {
  /** Set by the library to "EntryCode"; any other value is refused. */
  inStorePaymentScenario?: "EntryCode";
}

export interface SettlementStrategy {
  /** Required. ISO 4217 code, upper case. At most 3 characters. */
  settlementCurrency: string;
}
