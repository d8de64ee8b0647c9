//! Entry point of the web client: install the panic hook and logging, then mount [`samtal_web::App`].

fn main() {
    console_error_panic_hook::set_once();
    let _ = console_log::init_with_level(log::Level::Info);
    leptos::mount::mount_to_body(samtal_web::App);
}
