//! Routes of this family.

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

/// This family's routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
}
