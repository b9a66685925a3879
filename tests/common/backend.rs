//! A fake backend on loopback for the tests and benchmarks that push: a
//! wiremock server, on a runtime of its own so that plain (not async)
//! tests can use it, that accepts every POST (after `delay`) and records
//! it with its idempotency key.

use std::time::Duration;

use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

pub struct FakeBackend {
    pub runtime: tokio::runtime::Runtime,
    pub server: MockServer,
}

impl FakeBackend {
    /// A backend that answers every POST with 201 Created after `delay`.
    pub fn accepting(delay: Duration) -> FakeBackend {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("tokio");
        let server = runtime.block_on(async {
            let server = MockServer::start().await;
            Mock::given(method("POST"))
                .respond_with(ResponseTemplate::new(201).set_delay(delay))
                .mount(&server)
                .await;
            server
        });
        FakeBackend { runtime, server }
    }

    /// The `[push]` table of a keepers.toml that pushes here.
    pub fn push_config(&self) -> String {
        format!("[push]\nkind = \"webhook\"\nurl = \"{}/actions\"\n", self.server.uri())
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<Request> {
        self.runtime.block_on(self.server.received_requests()).unwrap_or_default()
    }
}
