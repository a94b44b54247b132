//! `mk48`: 1,000 updates a naval game's server sends its players: vectors of small structs and
//! of enums, options and short byte vectors.

use super::Rng;

twins! {
    /// A kind of ship, weapon or obstacle.
    ["bench.mk48.EntityType"]
    enum EntityType {
        /// A destroyer.
        ArleighBurke,
        /// A battleship.
        Bismarck,
        /// A ship.
        Clemenceau,
        /// A submarine.
        Crossbow,
        /// A patrol boat.
        Fairmile,
        /// A ship.
        Fletcher,
        /// A ship.
        Iowa,
        /// A submarine.
        Kilo,
        /// A carrier.
        Nimitz,
        /// A submarine.
        Ohio,
        /// A ship.
        Skjold,
        /// A submarine.
        Typhoon,
        /// A ship.
        Yamato,
        /// A ship.
        Zubr,
        /// A torpedo.
        Mark18,
        /// A torpedo.
        Set65,
        /// A missile.
        Harpoon,
        /// A missile.
        Tomahawk,
        /// A depth charge.
        DepthCharge,
        /// A mine.
        Mine,
        /// A shell.
        Shell,
        /// A crate.
        Crate,
        /// An oil platform.
        OilPlatform,
        /// A buoy.
        Buoy,
    }

    /// Where an entity is and how it moves.
    ["bench.mk48.Transform"]
    struct Transform {
        /// Height above (or depth below) the surface.
        pub altitude: i8,
        /// Heading.
        pub angle: u16,
        /// x and y.
        pub position: [f32; 2],
        /// Speed.
        pub velocity: i16,
    }

    /// Where an entity is steered to.
    ["bench.mk48.Guidance"]
    struct Guidance {
        /// Target heading.
        pub angle: u16,
        /// Dive.
        pub submerge: bool,
        /// Target speed.
        pub velocity: i16,
    }

    /// An entity the player can see.
    ["bench.mk48.Contact"]
    struct Contact {
        /// Damage taken.
        pub damage: u8,
        /// Its id.
        pub entity_id: u32,
        /// Its kind, when identified.
        pub entity_type: Option<EntityType>,
        /// Steering.
        pub guidance: Guidance,
        /// Its owner, for a player's entity.
        pub player_id: Option<u16>,
        /// Which weapons are loaded.
        pub reloads: Vec<bool>,
        /// Position and motion.
        pub transform: Transform,
        /// Turret headings.
        pub turret_angles: Vec<u16>,
    }

    /// A chunk of changed terrain.
    ["bench.mk48.TerrainUpdate"]
    struct TerrainUpdate {
        /// The chunk's coordinates.
        pub chunk_id: (i8, i8),
        /// The chunk's heights, run-length encoded.
        pub data: Vec<u8>,
    }

    /// Something that happened since the last update.
    ["bench.mk48.Event"]
    enum Event {
        /// An entity appeared.
        Spawned {
            /// Its id.
            entity_id: u32,
            /// Its kind.
            entity_type: EntityType,
        },
        /// An entity sank, perhaps by a player's hand.
        Sunk {
            /// Its id.
            entity_id: u32,
            /// The player who sank it.
            by: Option<u16>,
        },
        /// The player's ship became another kind.
        Upgraded(EntityType),
        /// The player came back.
        Respawned,
    }

    /// One update to one player.
    ["bench.mk48.Update"]
    struct Update {
        /// The entities in sight.
        pub contacts: Vec<Contact>,
        /// What happened.
        pub events: Vec<Event>,
        /// The player's score.
        pub score: u32,
        /// The world's radius.
        pub world_radius: f32,
        /// Changed terrain.
        pub terrain_updates: Vec<TerrainUpdate>,
    }

    /// A batch of updates.
    ["bench.mk48.Updates"]
    struct Updates {
        /// The updates.
        pub updates: Vec<Update>,
    }
}

/// Updates in the batch.
pub const UPDATES: usize = 1_000;

const ENTITY_TYPES: &[wire::EntityType] = &[
    wire::EntityType::ArleighBurke,
    wire::EntityType::Bismarck,
    wire::EntityType::Clemenceau,
    wire::EntityType::Crossbow,
    wire::EntityType::Fairmile,
    wire::EntityType::Fletcher,
    wire::EntityType::Iowa,
    wire::EntityType::Kilo,
    wire::EntityType::Nimitz,
    wire::EntityType::Ohio,
    wire::EntityType::Skjold,
    wire::EntityType::Typhoon,
    wire::EntityType::Yamato,
    wire::EntityType::Zubr,
    wire::EntityType::Mark18,
    wire::EntityType::Set65,
    wire::EntityType::Harpoon,
    wire::EntityType::Tomahawk,
    wire::EntityType::DepthCharge,
    wire::EntityType::Mine,
    wire::EntityType::Shell,
    wire::EntityType::Crate,
    wire::EntityType::OilPlatform,
    wire::EntityType::Buoy,
];

/// The batch: the same 1,000 updates on every run.
pub fn generate() -> wire::Updates {
    let mut rng = Rng::new(0x3648);
    let updates = (0..UPDATES).map(|_| update(&mut rng)).collect();
    wire::Updates { updates }
}

fn entity_type(rng: &mut Rng) -> wire::EntityType {
    rng.pick(ENTITY_TYPES).clone()
}

fn contact(rng: &mut Rng) -> wire::Contact {
    let weapons = rng.length(0, 9);
    let turrets = rng.length(0, 5);
    wire::Contact {
        damage: rng.byte(),
        entity_id: rng.next_u64() as u32,
        entity_type: (!rng.one_in(8)).then(|| entity_type(rng)),
        guidance: wire::Guidance {
            angle: rng.next_u64() as u16,
            submerge: rng.one_in(5),
            velocity: rng.range(-100, 400) as i16,
        },
        player_id: rng.one_in(3).then(|| rng.next_u64() as u16),
        reloads: (0..weapons).map(|_| !rng.one_in(4)).collect(),
        transform: wire::Transform {
            altitude: rng.range(-60, 20) as i8,
            angle: rng.next_u64() as u16,
            position: [rng.f32_in(-2000.0, 2000.0), rng.f32_in(-2000.0, 2000.0)],
            velocity: rng.range(-100, 400) as i16,
        },
        turret_angles: (0..turrets).map(|_| rng.next_u64() as u16).collect(),
    }
}

fn event(rng: &mut Rng) -> wire::Event {
    match rng.below(4) {
        0 => wire::Event::Spawned {
            entity_id: rng.next_u64() as u32,
            entity_type: entity_type(rng),
        },
        1 => wire::Event::Sunk {
            entity_id: rng.next_u64() as u32,
            by: rng.one_in(2).then(|| rng.next_u64() as u16),
        },
        2 => wire::Event::Upgraded(entity_type(rng)),
        _ => wire::Event::Respawned,
    }
}

fn terrain_update(rng: &mut Rng) -> wire::TerrainUpdate {
    let len = rng.length(16, 256);
    wire::TerrainUpdate {
        chunk_id: (rng.range(-64, 64) as i8, rng.range(-64, 64) as i8),
        data: (0..len).map(|_| rng.byte()).collect(),
    }
}

fn update(rng: &mut Rng) -> wire::Update {
    let contacts = rng.length(1, 40);
    let events = rng.length(0, 6);
    let terrain = if rng.one_in(4) { rng.length(1, 4) } else { 0 };
    wire::Update {
        contacts: (0..contacts).map(|_| contact(rng)).collect(),
        events: (0..events).map(|_| event(rng)).collect(),
        score: rng.below(100_000) as u32,
        world_radius: rng.f32_in(500.0, 5000.0),
        terrain_updates: (0..terrain).map(|_| terrain_update(rng)).collect(),
    }
}
