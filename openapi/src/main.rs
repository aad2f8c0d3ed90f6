//! `response-handler-openapi DESCRIPTION [--contract PATH] [--type SCHEMA=RUST_TYPE]... [--limit N]`:
//! writes one outcome enum per operation of an OpenAPI 3.0/3.1 description (JSON or YAML) to
//! standard output.
#![forbid(unsafe_code)]

use std::process::ExitCode;

use response_handler_openapi::Description;
use response_handler_openapi::generate::{Options, generate};

const USAGE: &str =
    "usage: response-handler-openapi DESCRIPTION [--contract PATH] [--type SCHEMA=RUST_TYPE]...
  DESCRIPTION        an OpenAPI 3.0 or 3.1 description, JSON or YAML
  --contract PATH    put #[openapi::contract(PATH, ...)] on each enum (PATH relative to the
                     generated file)
  --type S=T         the body of schema `components/schemas/S` is the Rust type T
  --limit N          only the first N operations (by path, then method)";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(code) => {
            print!("{code}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("response-handler-openapi: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(arguments: Vec<String>) -> Result<String, String> {
    let mut options = Options::new();
    let mut input = None;
    let mut limit = usize::MAX;
    let mut arguments = arguments.into_iter();
    while let Some(argument) = arguments.next() {
        match argument.as_str() {
            "--contract" => {
                options.contract_path = Some(arguments.next().ok_or(USAGE)?);
            }
            "--type" => {
                let pair = arguments.next().ok_or(USAGE)?;
                let (schema, ty) = pair
                    .split_once('=')
                    .ok_or_else(|| format!("--type {pair}: expected SCHEMA=RUST_TYPE"))?;
                options.types.insert(schema.to_owned(), ty.to_owned());
            }
            "--limit" => {
                let n = arguments.next().ok_or(USAGE)?;
                limit = n
                    .parse()
                    .map_err(|_| format!("--limit {n}: expected a number"))?;
            }
            "-h" | "--help" => return Err(USAGE.to_owned()),
            _ if input.is_none() && !argument.starts_with('-') => input = Some(argument),
            _ => return Err(format!("unexpected argument `{argument}`\n{USAGE}")),
        }
    }
    let input = input.ok_or(USAGE)?;
    let bytes = std::fs::read(&input).map_err(|error| format!("{input}: {error}"))?;
    let description =
        Description::from_slice(&bytes).map_err(|error| format!("{input}: {error}"))?;
    Ok(generate(&description.truncated(limit), &options))
}
