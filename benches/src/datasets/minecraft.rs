//! `minecraft_savedata`: 500 players' save data: nested structs, unit and data-carrying enums,
//! options, fixed arrays, vectors of structs and of strings.

use super::Rng;

twins! {
    /// A game mode.
    ["bench.minecraft.GameType"]
    enum GameType {
        /// Gathers and builds.
        Survival,
        /// Builds without limits.
        Creative,
        /// Plays a map.
        Adventure,
        /// Watches.
        Spectator,
    }

    /// A stack of items in a slot.
    ["bench.minecraft.Item"]
    struct Item {
        /// How many.
        pub count: i8,
        /// Which slot.
        pub slot: u8,
        /// The item's id, `minecraft:stone`.
        pub id: String,
    }

    /// What the player may do.
    ["bench.minecraft.Abilities"]
    struct Abilities {
        /// Walking speed.
        pub walk_speed: f32,
        /// Flying speed.
        pub fly_speed: f32,
        /// May fly.
        pub may_fly: bool,
        /// Is flying.
        pub flying: bool,
        /// Takes no damage.
        pub invulnerable: bool,
        /// May place and break blocks.
        pub may_build: bool,
        /// Breaks blocks at once.
        pub instabuild: bool,
    }

    /// An entity riding with the player or on its shoulder.
    ["bench.minecraft.Entity"]
    struct Entity {
        /// The entity's kind, `minecraft:parrot`.
        pub id: String,
        /// Position.
        pub pos: [f64; 3],
        /// Velocity.
        pub motion: [f64; 3],
        /// Yaw and pitch.
        pub rotation: [f32; 2],
        /// Distance fallen.
        pub fall_distance: f32,
        /// Ticks left on fire.
        pub fire: u16,
        /// Air left.
        pub air: u16,
        /// Touches the ground.
        pub on_ground: bool,
        /// Floats.
        pub no_gravity: bool,
        /// Takes no damage.
        pub invulnerable: bool,
        /// Ticks before it may use a portal again.
        pub portal_cooldown: i32,
        /// The entity's UUID.
        pub uuid: [u32; 4],
        /// Its name tag.
        pub custom_name: Option<String>,
        /// Whether the name tag shows.
        pub custom_name_visible: bool,
        /// Makes no sound.
        pub silent: bool,
        /// Glows.
        pub glowing: bool,
    }

    /// The vehicle the player rides.
    ["bench.minecraft.RootVehicle"]
    struct RootVehicle {
        /// The UUID the player is attached by.
        pub attach: [u32; 4],
        /// The vehicle.
        pub entity: Entity,
    }

    /// Where the player comes back to life.
    ["bench.minecraft.Spawn"]
    enum Spawn {
        /// The world's spawn point.
        WorldSpawn,
        /// A bed.
        Bed {
            /// The bed's dimension.
            dimension: String,
            /// The bed's block.
            pos: [i64; 3],
            /// Spawn there even if the bed is gone.
            forced: bool,
        },
        /// A respawn anchor: its dimension, block and charges.
        Anchor(String, [i64; 3], u8),
    }

    /// The recipes the player knows.
    ["bench.minecraft.RecipeBook"]
    struct RecipeBook {
        /// Unlocked recipes.
        pub recipes: Vec<String>,
        /// Recipes not yet seen.
        pub to_be_displayed: Vec<String>,
        /// Crafting filter on.
        pub is_filtering_craftable: bool,
        /// Crafting book open.
        pub is_gui_open: bool,
        /// Furnace filter on.
        pub is_furnace_filtering_craftable: bool,
        /// Furnace book open.
        pub is_furnace_gui_open: bool,
        /// Blast furnace filter on.
        pub is_blasting_furnace_filtering_craftable: bool,
        /// Blast furnace book open.
        pub is_blasting_furnace_gui_open: bool,
        /// Smoker filter on.
        pub is_smoker_filtering_craftable: bool,
        /// Smoker book open.
        pub is_smoker_gui_open: bool,
    }

    /// One player's save data.
    ["bench.minecraft.Player"]
    struct Player {
        /// Game mode.
        pub game_type: GameType,
        /// The game mode before the last change.
        pub previous_game_type: GameType,
        /// Score.
        pub score: u64,
        /// The dimension the player is in.
        pub dimension: String,
        /// The selected hotbar slot.
        pub selected_item_slot: u32,
        /// The item in hand.
        pub selected_item: Item,
        /// Where the player respawns.
        pub spawn: Spawn,
        /// Ticks asleep.
        pub sleep_timer: u16,
        /// Food exhaustion.
        pub food_exhaustion_level: f32,
        /// Food saturation.
        pub food_saturation_level: f32,
        /// Food timer.
        pub food_tick_timer: u32,
        /// Experience level.
        pub xp_level: u32,
        /// Progress to the next level.
        pub xp_p: f32,
        /// Total experience.
        pub xp_total: i32,
        /// Enchantment seed.
        pub xp_seed: i32,
        /// The inventory.
        pub inventory: Vec<Item>,
        /// The ender chest.
        pub ender_items: Vec<Item>,
        /// Abilities.
        pub abilities: Abilities,
        /// Where the player last entered the nether.
        pub entered_nether_position: Option<[f64; 3]>,
        /// What the player rides.
        pub root_vehicle: Option<RootVehicle>,
        /// On the left shoulder.
        pub shoulder_entity_left: Option<Entity>,
        /// On the right shoulder.
        pub shoulder_entity_right: Option<Entity>,
        /// Has seen the credits.
        pub seen_credits: bool,
        /// The recipe book.
        pub recipe_book: RecipeBook,
    }

    /// The save data of every player of a world.
    ["bench.minecraft.Players"]
    struct Players {
        /// The players.
        pub players: Vec<Player>,
    }
}

/// Players in the save.
pub const PLAYERS: usize = 500;

const ITEMS: &[&str] = &[
    "minecraft:stone",
    "minecraft:dirt",
    "minecraft:oak_log",
    "minecraft:torch",
    "minecraft:iron_pickaxe",
    "minecraft:diamond_sword",
    "minecraft:bread",
    "minecraft:cobblestone",
    "minecraft:crafting_table",
    "minecraft:bow",
    "minecraft:arrow",
    "minecraft:redstone",
];
const ENTITIES: &[&str] = &[
    "minecraft:parrot",
    "minecraft:horse",
    "minecraft:pig",
    "minecraft:boat",
    "minecraft:minecart",
];
const DIMENSIONS: &[&str] = &[
    "minecraft:overworld",
    "minecraft:the_nether",
    "minecraft:the_end",
];
const GAME_TYPES: &[wire::GameType] = &[
    wire::GameType::Survival,
    wire::GameType::Creative,
    wire::GameType::Adventure,
    wire::GameType::Spectator,
];

/// The save: the same 500 players on every run.
pub fn generate() -> wire::Players {
    let mut rng = Rng::new(0x3c4a);
    let players = (0..PLAYERS).map(|_| player(&mut rng)).collect();
    wire::Players { players }
}

fn item(rng: &mut Rng) -> wire::Item {
    wire::Item {
        count: rng.range(1, 65) as i8,
        slot: rng.below(36) as u8,
        id: rng.pick(ITEMS).to_string(),
    }
}

fn items(rng: &mut Rng, max: usize) -> Vec<wire::Item> {
    let len = rng.length(0, max + 1);
    (0..len).map(|_| item(rng)).collect()
}

fn uuid(rng: &mut Rng) -> [u32; 4] {
    [0; 4].map(|_: u32| rng.next_u64() as u32)
}

fn position(rng: &mut Rng) -> [f64; 3] {
    [
        rng.f64_in(-30_000.0, 30_000.0),
        rng.f64_in(0.0, 256.0),
        rng.f64_in(-30_000.0, 30_000.0),
    ]
}

fn entity(rng: &mut Rng) -> wire::Entity {
    wire::Entity {
        id: rng.pick(ENTITIES).to_string(),
        pos: position(rng),
        motion: [0; 3].map(|_: i32| rng.f64_in(-1.0, 1.0)),
        rotation: [rng.f32_in(0.0, 360.0), rng.f32_in(-90.0, 90.0)],
        fall_distance: rng.f32_in(0.0, 10.0),
        fire: rng.below(100) as u16,
        air: rng.below(300) as u16,
        on_ground: rng.one_in(2),
        no_gravity: rng.one_in(10),
        invulnerable: rng.one_in(10),
        portal_cooldown: rng.range(0, 300) as i32,
        uuid: uuid(rng),
        custom_name: rng.one_in(3).then(|| rng.alphanumeric(3, 16)),
        custom_name_visible: rng.one_in(2),
        silent: rng.one_in(10),
        glowing: rng.one_in(20),
    }
}

fn spawn(rng: &mut Rng) -> wire::Spawn {
    let block = |rng: &mut Rng| {
        [
            rng.range(-30_000, 30_000),
            rng.range(0, 256),
            rng.range(-30_000, 30_000),
        ]
    };
    match rng.below(3) {
        0 => wire::Spawn::WorldSpawn,
        1 => wire::Spawn::Bed {
            dimension: rng.pick(DIMENSIONS).to_string(),
            pos: block(rng),
            forced: rng.one_in(4),
        },
        _ => wire::Spawn::Anchor(
            rng.pick(DIMENSIONS).to_string(),
            block(rng),
            rng.range(1, 5) as u8,
        ),
    }
}

fn recipes(rng: &mut Rng, max: usize) -> Vec<String> {
    let len = rng.length(0, max + 1);
    (0..len)
        .map(|_| format!("minecraft:{}", rng.alphanumeric(4, 20)))
        .collect()
}

fn player(rng: &mut Rng) -> wire::Player {
    wire::Player {
        game_type: rng.pick(GAME_TYPES).clone(),
        previous_game_type: rng.pick(GAME_TYPES).clone(),
        score: rng.below(1_000_000),
        dimension: rng.pick(DIMENSIONS).to_string(),
        selected_item_slot: rng.below(9) as u32,
        selected_item: item(rng),
        spawn: spawn(rng),
        sleep_timer: rng.below(100) as u16,
        food_exhaustion_level: rng.f32_in(0.0, 4.0),
        food_saturation_level: rng.f32_in(0.0, 20.0),
        food_tick_timer: rng.below(80) as u32,
        xp_level: rng.below(50) as u32,
        xp_p: rng.unit_f32(),
        xp_total: rng.range(0, 10_000) as i32,
        xp_seed: rng.next_u64() as i32,
        inventory: items(rng, 36),
        ender_items: items(rng, 27),
        abilities: wire::Abilities {
            walk_speed: 0.1,
            fly_speed: 0.05,
            may_fly: rng.one_in(4),
            flying: rng.one_in(8),
            invulnerable: rng.one_in(8),
            may_build: !rng.one_in(8),
            instabuild: rng.one_in(8),
        },
        entered_nether_position: rng.one_in(2).then(|| position(rng)),
        root_vehicle: rng.one_in(4).then(|| wire::RootVehicle {
            attach: uuid(rng),
            entity: entity(rng),
        }),
        shoulder_entity_left: rng.one_in(3).then(|| entity(rng)),
        shoulder_entity_right: rng.one_in(3).then(|| entity(rng)),
        seen_credits: rng.one_in(2),
        recipe_book: wire::RecipeBook {
            recipes: recipes(rng, 60),
            to_be_displayed: recipes(rng, 10),
            is_filtering_craftable: rng.one_in(2),
            is_gui_open: rng.one_in(2),
            is_furnace_filtering_craftable: rng.one_in(2),
            is_furnace_gui_open: rng.one_in(2),
            is_blasting_furnace_filtering_craftable: rng.one_in(2),
            is_blasting_furnace_gui_open: rng.one_in(2),
            is_smoker_filtering_craftable: rng.one_in(2),
            is_smoker_gui_open: rng.one_in(2),
        },
    }
}
