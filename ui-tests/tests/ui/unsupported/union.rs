use wiremsg::WireMessage;

#[derive(WireMessage)]
union Bits {
    int: u32,
    float: f32,
}

fn main() {}
