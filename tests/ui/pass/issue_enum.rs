// Every kind of handler a real client needs, in one enum.
use response_handler::{Json, ResponseHandler, StatusCode};

#[derive(Debug, PartialEq, serde::Deserialize)]
struct User {
    id: u64,
    name: String,
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct Problem {
    field: String,
}

#[derive(Debug, PartialEq, ResponseHandler)]
enum CreateUser {
    #[on(201)]
    Created(Json<User>),
    #[on_success]
    Accepted(StatusCode),
    #[on(409)]
    Conflict(Json<Problem>),
    #[on(UNPROCESSABLE_ENTITY)]
    Invalid(String),
    #[on(401, 403)]
    Denied { status: StatusCode, reason: String },
    #[on(500..=599)]
    ServerError(StatusCode),
    #[on_failure]
    Failed(StatusCode, String),
}

fn respond(status: u16, body: &'static str) -> Result<CreateUser, response_handler::Error> {
    CreateUser::from_response(http::Response::builder().status(status).body(body).unwrap())
}

fn main() {
    assert_eq!(
        respond(201, r#"{"id": 7, "name": "Ada"}"#).unwrap(),
        CreateUser::Created(Json(User {
            id: 7,
            name: "Ada".to_owned()
        })),
    );
    // Class first: a 2xx the enum does not name is still a success.
    assert_eq!(
        respond(202, "").unwrap(),
        CreateUser::Accepted(StatusCode::ACCEPTED)
    );
    assert_eq!(
        respond(200, "").unwrap(),
        CreateUser::Accepted(StatusCode::OK)
    );
    assert_eq!(
        respond(409, r#"{"field": "name"}"#).unwrap(),
        CreateUser::Conflict(Json(Problem {
            field: "name".to_owned()
        })),
    );
    assert_eq!(
        respond(422, "bad email").unwrap(),
        CreateUser::Invalid("bad email".to_owned())
    );
    assert_eq!(
        respond(403, "no").unwrap(),
        CreateUser::Denied {
            status: StatusCode::FORBIDDEN,
            reason: "no".to_owned()
        },
    );
    assert_eq!(
        respond(503, "").unwrap(),
        CreateUser::ServerError(StatusCode::SERVICE_UNAVAILABLE)
    );
    assert_eq!(
        respond(404, "nope").unwrap(),
        CreateUser::Failed(StatusCode::NOT_FOUND, "nope".to_owned()),
    );
    // 6xx is a failure, never a success.
    assert_eq!(
        respond(799, "").unwrap(),
        CreateUser::Failed(StatusCode::from_u16(799).unwrap(), String::new())
    );
    // Nothing handles 3xx.
    assert!(respond(302, "").unwrap_err().is_unexpected_status());
    // A 201 whose body is not the JSON it should be: the error names variant and field.
    let error = respond(201, "{").unwrap_err();
    assert_eq!(error.variant(), Some("Created"));
    assert_eq!(error.field(), Some("0"));
}
