//! `mesh`: 125,000 triangles, each three vertices and a normal of three `f32`s: plain old
//! data, one long vector.

use super::Rng;

twins! {
    /// A point or direction in space.
    ["bench.mesh.Vector3"]
    struct Vector3 {
        /// x.
        pub x: f32,
        /// y.
        pub y: f32,
        /// z.
        pub z: f32,
    }

    /// A triangle with its unit normal.
    ["bench.mesh.Triangle"]
    struct Triangle {
        /// First vertex.
        pub v0: Vector3,
        /// Second vertex.
        pub v1: Vector3,
        /// Third vertex.
        pub v2: Vector3,
        /// The unit normal, (v1 - v0) × (v2 - v0) normalised.
        pub normal: Vector3,
    }

    /// A triangle mesh.
    ["bench.mesh.Mesh"]
    struct Mesh {
        /// The triangles.
        pub triangles: Vec<Triangle>,
    }
}

/// Triangles in the mesh.
pub const TRIANGLES: usize = 125_000;

/// The mesh: the same 125,000 triangles on every run.
pub fn generate() -> wire::Mesh {
    let mut rng = Rng::new(0x3e54);
    let triangles = (0..TRIANGLES).map(|_| triangle(&mut rng)).collect();
    wire::Mesh { triangles }
}

fn triangle(rng: &mut Rng) -> wire::Triangle {
    let mut point = || wire::Vector3 {
        x: rng.f32_in(-100.0, 100.0),
        y: rng.f32_in(-100.0, 100.0),
        z: rng.f32_in(-100.0, 100.0),
    };
    let (v0, v1, v2) = (point(), point(), point());
    let (a, b) = (
        [v1.x - v0.x, v1.y - v0.y, v1.z - v0.z],
        [v2.x - v0.x, v2.y - v0.y, v2.z - v0.z],
    );
    let cross = [
        a[1] * b[2] - a[2] * b[1],
        a[2] * b[0] - a[0] * b[2],
        a[0] * b[1] - a[1] * b[0],
    ];
    let length = (cross[0] * cross[0] + cross[1] * cross[1] + cross[2] * cross[2])
        .sqrt()
        .max(f32::MIN_POSITIVE);
    let normal = wire::Vector3 {
        x: cross[0] / length,
        y: cross[1] / length,
        z: cross[2] / length,
    };
    wire::Triangle { v0, v1, v2, normal }
}
