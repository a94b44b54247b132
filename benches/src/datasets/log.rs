//! `log`: a batch of 10,000 web-server access-log records (the Common Log Format's fields):
//! short strings, an IPv4 address, a status code and a size.

use super::Rng;

twins! {
    /// One request, as an access log records it.
    ["bench.log.Log"]
    struct Log {
        /// The client's IPv4 address.
        pub address: [u8; 4],
        /// The client's identity (RFC 1413), usually `-`.
        pub identity: String,
        /// The authenticated user, or `-`.
        pub userid: String,
        /// When the request was received, `10/Oct/2000:13:55:36 -0700`.
        pub date: String,
        /// The request line, `GET /index.html HTTP/1.1`.
        pub request: String,
        /// The response's status code.
        pub code: u16,
        /// The response's size in bytes.
        pub size: u64,
    }

    /// A batch of records.
    ["bench.log.Logs"]
    struct Logs {
        /// The records, oldest first.
        pub logs: Vec<Log>,
    }
}

/// Records in the batch.
pub const RECORDS: usize = 10_000;

const METHODS: &[&str] = &["GET", "GET", "GET", "POST", "PUT", "DELETE", "HEAD"];
const PATHS: &[&str] = &[
    "index.html",
    "api/v1/users",
    "api/v1/orders",
    "static/app.js",
    "static/style.css",
    "images/logo.png",
    "login",
    "search",
    "feed.xml",
    "favicon.ico",
];
const MONTHS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const CODES: &[u16] = &[
    200, 200, 200, 200, 201, 204, 301, 304, 400, 403, 404, 500, 503,
];

/// The batch: the same 10,000 records on every run.
pub fn generate() -> wire::Logs {
    let mut rng = Rng::new(0x1065);
    let logs = (0..RECORDS).map(|_| record(&mut rng)).collect();
    wire::Logs { logs }
}

fn record(rng: &mut Rng) -> wire::Log {
    let user = |rng: &mut Rng| {
        if rng.one_in(3) {
            "-".to_string()
        } else {
            rng.alphanumeric(3, 12)
        }
    };
    let identity = user(rng);
    let userid = user(rng);
    let date = format!(
        "{:02}/{}/{}:{:02}:{:02}:{:02} {}",
        rng.range(1, 29),
        rng.pick(MONTHS),
        rng.range(1995, 2025),
        rng.below(24),
        rng.below(60),
        rng.below(60),
        rng.pick(&["+0000", "-0700", "+0100", "+0530"]),
    );
    let request = format!(
        "{} /{}?id={} HTTP/1.{}",
        rng.pick(METHODS),
        rng.pick(PATHS),
        rng.alphanumeric(0, 10),
        rng.below(2),
    );
    wire::Log {
        address: [rng.byte(), rng.byte(), rng.byte(), rng.byte()],
        identity,
        userid,
        date,
        request,
        code: *rng.pick(CODES),
        size: rng.below(100_000_000),
    }
}
