//! The `pay (Entry Code Payment)` request, `POST /ams/api/v1/payments/pay`
//! (<https://docs.antom.com/ac/ams/ec>), with every nested structure of the API.
//!
//! Key order in each table is the order of the canonical body. Maximum lengths come from the
//! reference page where it gives them, else from Antom's models; where neither gives one, the
//! limit is ours and listed in docs/validation.md.

use super::schema::{auto, opt, req, Field, Rule, AMOUNT};
use Rule::*;

/// The Entry Code product code.
pub const PRODUCT_CODE: &str = "IN_STORE_PAYMENT";
/// The Entry Code payment method type.
pub const PAYMENT_METHOD_TYPE: &str = "CONNECT_WALLET";
/// The Entry Code in-store scenario.
pub const IN_STORE_SCENARIO: &str = "EntryCode";
/// Regions the reference page lists for `merchantRegion`.
pub const MERCHANT_REGIONS: &[&str] = &["US", "JP", "PK", "SG"];

/// `Address`.
pub const ADDRESS: &[Field] = &[
    opt("region", 2, Region),
    opt("state", 8, Text),
    opt("city", 32, Text),
    opt("address1", 256, Text),
    opt("address2", 256, Text),
    opt("address3", 256, Text),
    opt("label", 64, Text),
    opt("zipCode", 32, Text),
];

/// `Store` (required inside `merchant` for Entry Code).
pub const STORE: &[Field] = &[
    req("referenceStoreId", 64, Text),
    req("storeName", 256, Text),
    req("storeMCC", 4, Mcc),
    opt("storeDisplayName", 256, Text),
    opt("storeTerminalId", 64, Text),
    opt("storeOperatorId", 64, Text),
    opt("storeAddress", 0, Object(ADDRESS)),
    opt("storePhoneNo", 32, Text),
];

/// `Merchant`.
pub const MERCHANT: &[Field] = &[
    req("referenceMerchantId", 64, Text),
    req("merchantMCC", 4, Mcc),
    req("merchantName", 256, Text),
    opt("merchantDisplayName", 256, Text),
    opt("merchantAddress", 0, Object(ADDRESS)),
    opt("merchantRegisterDate", 64, DateTime),
    opt("merchantType", 32, Text),
    req("store", 0, Object(STORE)),
];

/// `UserName`.
pub const USER_NAME: &[Field] = &[
    opt("firstName", 32, Text),
    opt("middleName", 32, Text),
    opt("lastName", 32, Text),
    opt("fullName", 128, Text),
];

/// `Goods` (an element of `order.goods`).
pub const GOODS: &[Field] = &[
    req("referenceGoodsId", 64, Text),
    req("goodsName", 256, Text),
    opt("goodsCategory", 64, Text),
    opt("goodsBrand", 128, Text),
    opt("goodsUnitAmount", 0, Amount { positive: false }),
    opt(
        "goodsQuantity",
        16,
        Int {
            min: 1,
            max: 999_999_999,
        },
    ),
    opt("goodsSkuName", 64, Text),
    opt("goodsUrl", 2048, Url),
    opt("deliveryMethodType", 32, OneOf(&["PHYSICAL", "DIGITAL"])),
    opt("goodsImageUrl", 2048, Url),
    opt("priceId", 64, Text),
    opt("goodsDiscountAmount", 0, Amount { positive: false }),
    opt("goodsEndsOnTime", 64, DateTime),
];

/// `Buyer`.
pub const BUYER: &[Field] = &[
    opt("referenceBuyerId", 64, Text),
    opt("buyerName", 0, Object(USER_NAME)),
    opt("buyerPhoneNo", 24, Text),
    opt("buyerEmail", 64, Email),
    opt("buyerRegistrationTime", 64, DateTime),
    opt("isAccountVerified", 5, Bool),
    opt(
        "successfulOrderCount",
        16,
        Int {
            min: 0,
            max: 999_999_999,
        },
    ),
    opt("buyerPhoneNoContryCode", 8, Text),
];

/// `DeliveryEstimateInfo` (`minimum` / `maximum` of a delivery estimate).
pub const DELIVERY_ESTIMATE_INFO: &[Field] = &[
    req(
        "unit",
        16,
        OneOf(&["YEAR", "MONTH", "DAYS", "HOUR", "MINUTE", "SECONDS"]),
    ),
    req(
        "value",
        16,
        Int {
            min: 0,
            max: 999_999_999,
        },
    ),
];

/// `DeliveryEstimate`.
pub const DELIVERY_ESTIMATE: &[Field] = &[
    opt("minimum", 0, Object(DELIVERY_ESTIMATE_INFO)),
    opt("maximum", 0, Object(DELIVERY_ESTIMATE_INFO)),
];

/// `Shipping` (rare in store).
pub const SHIPPING: &[Field] = &[
    opt("shippingName", 0, Object(USER_NAME)),
    opt("shippingAddress", 0, Object(ADDRESS)),
    opt("shippingCarrier", 128, Text),
    opt("shippingPhoneNo", 16, Text),
    opt("shipToEmail", 64, Email),
    opt("shippingFeeId", 64, Text),
    opt("shippingFee", 0, Amount { positive: false }),
    opt("shippingDescription", 64, Text),
    opt("deliveryEstimate", 0, Object(DELIVERY_ESTIMATE)),
    opt("shippingNumber", 64, Text),
    opt("notes", 256, Text),
];

/// `BrowserInfo` inside `env`.
pub const BROWSER_INFO: &[Field] = &[
    opt("acceptHeader", 2048, Text),
    opt("javaEnabled", 5, Bool),
    opt("javaScriptEnabled", 5, Bool),
    opt("language", 32, Text),
    opt("userAgent", 2048, Text),
];

/// `Env`: the shopper's environment; `userAgent` (the in-wallet browser) is required for
/// Entry Code.
pub const ENV: &[Field] = &[
    req("userAgent", 2048, Text),
    opt(
        "terminalType",
        16,
        OneOf(&["WEB", "WAP", "APP", "MINI_APP"]),
    ),
    opt("osType", 16, OneOf(&["IOS", "ANDROID"])),
    opt("osVersion", 32, Text),
    opt("deviceTokenId", 64, Text),
    opt("clientIp", 64, Text),
    opt("cookieId", 64, Text),
    opt("extendInfo", 2048, Text),
    opt("storeTerminalId", 64, Text),
    opt("storeTerminalRequestTime", 64, DateTime),
    opt("browserInfo", 0, Object(BROWSER_INFO)),
    opt("colorDepth", 4, Int { min: 1, max: 64 }),
    opt(
        "screenHeight",
        8,
        Int {
            min: 0,
            max: 100_000,
        },
    ),
    opt(
        "screenWidth",
        8,
        Int {
            min: 0,
            max: 100_000,
        },
    ),
    opt(
        "timeZoneOffset",
        8,
        Int {
            min: -720,
            max: 720,
        },
    ),
    opt("deviceBrand", 64, Text),
    opt("deviceModel", 128, Text),
    opt("deviceLanguage", 32, Text),
    opt("deviceId", 64, Text),
];

/// `Order`.
pub const ORDER: &[Field] = &[
    opt("referenceOrderId", 64, Text),
    req("orderDescription", 256, Text),
    req("orderAmount", 0, Amount { positive: true }),
    req("merchant", 0, Object(MERCHANT)),
    opt(
        "goods",
        0,
        List {
            max: 100,
            item: GOODS,
        },
    ),
    opt("buyer", 0, Object(BUYER)),
    opt("shipping", 0, Object(SHIPPING)),
    req("env", 0, Object(ENV)),
    opt("extendInfo", 2048, Text),
];

/// `PaymentMethod`: always `CONNECT_WALLET` for Entry Code.
pub const PAYMENT_METHOD: &[Field] = &[auto("paymentMethodType", 64, Fixed(PAYMENT_METHOD_TYPE))];

/// `PaymentFactor`: always the `EntryCode` scenario.
pub const PAYMENT_FACTOR: &[Field] =
    &[auto("inStorePaymentScenario", 32, Fixed(IN_STORE_SCENARIO))];

/// `SettlementStrategy`: required for Entry Code (the method is `CONNECT_WALLET`).
pub const SETTLEMENT_STRATEGY: &[Field] = &[req("settlementCurrency", 3, Currency)];

/// The top level of the pay (Entry Code Payment) request, in canonical key order.
pub const PAY_REQUEST: &[Field] = &[
    auto("productCode", 32, Fixed(PRODUCT_CODE)),
    req("paymentRequestId", 64, Id),
    req("order", 0, Object(ORDER)),
    req("paymentAmount", 0, Amount { positive: true }),
    auto("paymentMethod", 0, Object(PAYMENT_METHOD)),
    auto("paymentFactor", 0, Object(PAYMENT_FACTOR)),
    opt("paymentExpiryTime", 64, FutureDateTime),
    opt("paymentRedirectUrl", 2048, Url),
    req("paymentNotifyUrl", 2048, Url),
    req("settlementStrategy", 0, Object(SETTLEMENT_STRATEGY)),
    opt("merchantRegion", 2, OneOf(MERCHANT_REGIONS)),
];

/// Every named object of the pay request with its table, for documentation and type generation.
pub const OBJECTS: &[(&str, &[Field])] = &[
    ("PayRequest", PAY_REQUEST),
    ("Order", ORDER),
    ("Amount", AMOUNT),
    ("Merchant", MERCHANT),
    ("Store", STORE),
    ("Address", ADDRESS),
    ("Goods", GOODS),
    ("Buyer", BUYER),
    ("UserName", USER_NAME),
    ("Shipping", SHIPPING),
    ("DeliveryEstimate", DELIVERY_ESTIMATE),
    ("DeliveryEstimateInfo", DELIVERY_ESTIMATE_INFO),
    ("Env", ENV),
    ("BrowserInfo", BROWSER_INFO),
    ("PaymentMethod", PAYMENT_METHOD),
    ("PaymentFactor", PAYMENT_FACTOR),
    ("SettlementStrategy", SETTLEMENT_STRATEGY),
];
