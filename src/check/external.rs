//! Checking links to other sites: each URL fetched once, with a timeout, a few at a time.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use rayon::prelude::*;

use super::{CheckOptions, Finding};
use crate::error::{Error, Result};

/// Fetches every URL in `links` (each with the pages it is on and the links as written
/// there) and returns a finding for every link to one that failed.
pub fn check(
    links: &BTreeMap<String, Vec<(PathBuf, String)>>,
    options: &CheckOptions,
) -> Result<Vec<Finding>> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(options.timeout))
        .http_status_as_error(false)
        .user_agent(concat!("folio-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    // A pool of its own, since the threads mostly wait on the network.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.concurrency)
        .build()
        .map_err(|source| Error::Threads {
            job: format!(
                "{} threads for external links (--concurrency)",
                options.concurrency
            ),
            source,
        })?;
    let problems: Vec<_> = pool.install(|| {
        links
            .par_iter()
            .map(|(url, linked)| (linked, fetch(&agent, url, options.timeout)))
            .collect()
    });
    let mut findings = Vec::new();
    for (linked, problem) in problems {
        let Some(problem) = problem else { continue };
        for (page, link) in linked {
            findings.push(Finding {
                page: page.clone(),
                link: link.clone(),
                problem: problem.clone(),
            });
        }
    }
    Ok(findings)
}

/// What is wrong with an external URL, if anything. Only the status is read, not the body.
fn fetch(agent: &ureq::Agent, url: &str, timeout: Duration) -> Option<String> {
    match agent.get(url).call() {
        Ok(response) if response.status().as_u16() < 400 => None,
        Ok(response) => Some(format!(
            "the server answered HTTP {}: update or remove the link",
            response.status()
        )),
        Err(ureq::Error::Timeout(_)) => Some(format!(
            "no answer within {} s: check the URL, or pass a longer --timeout",
            timeout.as_secs()
        )),
        Err(e) => Some(format!("cannot fetch it ({e}): check the URL")),
    }
}
