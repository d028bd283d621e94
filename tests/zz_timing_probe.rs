#![cfg(not(target_arch = "wasm32"))]
fn time(name: &str, f: impl Fn()) {
    let n = 20000;
    let t = std::time::Instant::now();
    for _ in 0..n {
        f();
    }
    eprintln!(
        "{name} {:.1} µs",
        t.elapsed().as_secs_f64() * 1e6 / n as f64
    );
}
#[test]
fn probe() {
    let cfg = antom_checkout::PrepareConfig::from_json(
        &serde_json::json!({"clientId":"C","gateway":"sg","requestTime":"1735700400123"}),
    )
    .unwrap();
    let text = std::fs::read_to_string("/tmp/natbench/req.json").unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    time("parse", || {
        std::hint::black_box(serde_json::from_str::<serde_json::Value>(&text).unwrap());
    });
    time("validate", || {
        std::hint::black_box(antom_checkout::validate_pay(&v, Some(0)));
    });
    time("prepare", || {
        std::hint::black_box(antom_checkout::prepare_pay(&v, &cfg, 0).unwrap());
    });
}
