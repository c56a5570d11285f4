fn main() {
    funnel_calculator::mount();
}
