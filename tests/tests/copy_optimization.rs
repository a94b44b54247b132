//! rkyv's copy optimization: a struct whose archived form has its exact layout is archived in
//! slices by one copy, as rkyv's own derive arranges, and only such a struct.

// The derive's `unsafe` block for the optimization must not trouble a crate that forbids unsafe.
#![forbid(unsafe_code)]

use wiremsg::rkyv::Archive;
use wiremsg::WireMessage;

#[derive(WireMessage, Debug, Clone, Copy, PartialEq)]
struct Point {
    x: f32,
    y: f32,
    z: f32,
}

#[derive(WireMessage, Debug, Clone, Copy, PartialEq)]
struct Segment(Point, Point, u32);

#[derive(WireMessage, Debug, Clone, Copy, PartialEq)]
struct Marker;

#[derive(WireMessage, Debug, Clone, PartialEq)]
struct Path {
    segments: Vec<Segment>,
    markers: Vec<Marker>,
}

/// Padding between `tag` and `value`: the bytes differ from the archive's.
#[derive(WireMessage, Debug, Clone, Copy, PartialEq)]
struct Padded {
    tag: u8,
    value: u32,
}

#[derive(WireMessage, Debug, Clone, PartialEq)]
struct Skipping {
    x: u32,
    #[wire(skip)]
    cache: u32,
}

#[derive(WireMessage, Debug, Clone, PartialEq)]
struct AsJson {
    x: u32,
    #[wire(as_json)]
    y: u32,
}

#[derive(WireMessage, Debug, Clone, PartialEq)]
struct Generic<T> {
    x: T,
}

#[derive(WireMessage, Debug, Clone, Copy, PartialEq)]
enum Axis {
    X,
    Y,
}

#[derive(WireMessage, Debug, Clone, PartialEq)]
struct Owning {
    name: String,
}

fn copies<T: Archive>() -> bool {
    T::COPY_OPTIMIZATION.is_enabled()
}

#[test]
fn structs_laid_out_as_their_archive_are_copied() {
    assert!(copies::<Point>());
    assert!(
        copies::<Segment>(),
        "a tuple struct of copied structs and a u32"
    );
    assert!(copies::<Marker>(), "a unit struct");
}

#[test]
fn anything_else_is_archived_field_by_field() {
    assert!(!copies::<Padded>(), "padding bytes");
    assert!(!copies::<Skipping>(), "a skipped field");
    assert!(!copies::<AsJson>(), "a field stored as JSON");
    assert!(!copies::<Generic<u32>>(), "generics, as rkyv's derive");
    assert!(!copies::<Axis>(), "an enum");
    assert!(!copies::<Owning>(), "a field with a pointer");
    assert!(!copies::<Path>());
}

fn path() -> Path {
    let point = |i: u32| Point {
        x: i as f32,
        y: -0.0,
        z: f32::from_bits(0x7fc0_0001 + i),
    };
    Path {
        segments: (0..1000)
            .map(|i| Segment(point(i), point(i + 1), i))
            .collect(),
        markers: vec![Marker; 3],
    }
}

fn same_bits(a: &Path, b: &Path) -> bool {
    let bits = |p: &Point| (p.x.to_bits(), p.y.to_bits(), p.z.to_bits());
    a.segments.len() == b.segments.len()
        && a.markers == b.markers
        && a.segments
            .iter()
            .zip(&b.segments)
            .all(|(a, b)| bits(&a.0) == bits(&b.0) && bits(&a.1) == bits(&b.1) && a.2 == b.2)
}

#[test]
fn copied_vectors_round_trip_bit_for_bit() {
    let path = path();
    let frame = path.to_wire().unwrap();
    let back = Path::from_wire(&frame).unwrap();
    assert!(same_bits(&path, &back), "owned decode");

    let view = wiremsg::HybridCodec::new().view::<Path>(&frame).unwrap();
    assert_eq!(view.segments.len(), 1000);
    assert_eq!(view.segments[999].2, 999);
    assert_eq!(view.segments[7].1.z.to_native().to_bits(), 0x7fc0_0001 + 8);
    assert!(same_bits(
        &path,
        &wiremsg::from_archived::<Path>(view).unwrap()
    ));
}

/// [`Segment`]'s layout through a generic type, which the optimization does not apply to.
#[derive(WireMessage)]
struct GenericSegment<T>(Point, Point, T);

#[derive(WireMessage)]
struct GenericPath {
    segments: Vec<GenericSegment<u32>>,
    markers: Vec<Marker>,
}

#[test]
fn copied_bytes_are_the_bytes_field_by_field_archiving_writes() {
    assert!(!copies::<GenericSegment<u32>>());
    let path = path();
    let field_by_field = GenericPath {
        segments: path
            .segments
            .iter()
            .map(|s| GenericSegment(s.0, s.1, s.2))
            .collect(),
        markers: path.markers.clone(),
    };
    let copied = path.to_wire().unwrap();
    let written = field_by_field.to_wire().unwrap();
    let payload = wiremsg::HEADER_LEN;
    assert_eq!(copied.len(), written.len());
    assert!(copied[payload..] == written[payload..]);
}
