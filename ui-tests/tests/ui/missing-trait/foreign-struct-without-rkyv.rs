// A type from elsewhere with serde but no rkyv support, inside a `Vec`: the first error is on
// that type and lists the fixes in order of fit.
use wiremsg::WireMessage;

mod geometry {
    #[derive(serde::Serialize, serde::Deserialize)]
    pub struct Point {
        pub x: i32,
        pub y: i32,
    }
}

#[derive(WireMessage)]
struct Route {
    name: String,
    points: Vec<geometry::Point>,
}

fn main() {}
