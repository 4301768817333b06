//! `folio serve` as a user meets it: the real binary on a free port, serving a copy of a
//! fixture site, talked to over plain TCP.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The server process, stopped when the test ends however it ends.
struct Server {
    child: Child,
    port: u16,
    log: Arc<Mutex<String>>,
    _site: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start() -> Server {
        Self::start_with(|_| {})
    }

    /// Starts on a copy of the fixture after `prepare` has changed it.
    fn start_with(prepare: impl FnOnce(&Path)) -> Server {
        let site = common::copy_fixture("check-ok");
        prepare(site.path());
        let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(["serve", "--port", "0", "--root"])
            .arg(site.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        for pipe in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let log = log.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines() {
                    let Ok(line) = line else { break };
                    let mut log = log.lock().unwrap();
                    log.push_str(&line);
                    log.push('\n');
                }
            });
        }
        let mut server = Server {
            child,
            port: 0,
            log,
            _site: site,
        };
        let line = server.wait_for_log("serving ", Duration::from_secs(60));
        let url = line.split(" at ").nth(1).unwrap();
        let port = url
            .trim_start_matches("http://127.0.0.1:")
            .split('/')
            .next()
            .unwrap();
        server.port = port.parse().unwrap();
        server
    }

    fn root(&self) -> &Path {
        self._site.path()
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// The first log line containing `needle`, waiting up to `timeout` for it.
    fn wait_for_log(&mut self, needle: &str, timeout: Duration) -> String {
        let start = Instant::now();
        loop {
            if let Some(line) = self.log().lines().find(|l| l.contains(needle)) {
                return line.to_string();
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("folio serve exited with {status}:\n{}", self.log());
            }
            assert!(
                start.elapsed() < timeout,
                "no {needle:?} in the log within {timeout:?}:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn get(&self, target: &str) -> Response {
        raw_get(self.port, target)
    }

    /// Fetches `target` until `ready` holds of the response, for up to ten seconds.
    fn get_until(&self, target: &str, what: &str, ready: impl Fn(&Response) -> bool) -> Response {
        let start = Instant::now();
        loop {
            let response = self.get(target);
            if ready(&response) {
                return response;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{target} never showed {what}; last response:\n{}\nlog:\n{}",
                response.body,
                self.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

struct Response {
    status: u16,
    headers: String,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

/// A GET with the request target sent exactly as given, so that nothing between the
/// test and the server normalizes `..` away.
fn raw_get(port: u16, target: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let (status_line, headers) = head.split_once("\r\n").unwrap_or((head, ""));
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {text:?}"));
    Response {
        status,
        headers: headers.replace("\r\n", "\n"),
        body: body.to_string(),
    }
}

#[test]
fn serves_reloads_rebuilds_and_recovers() {
    let mut server = Server::start();
    let post = server.root().join("content/posts/first.md");

    let page = server.get("/posts/first/");
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(page.body.contains("This post links to"), "{}", page.body);
    let script = page
        .body
        .find("new EventSource(\"/__folio/events?since=")
        .expect("the reload script is injected");
    assert!(
        script < page.body.rfind("</body>").unwrap(),
        "before </body>"
    );

    // An edit to the post is served within seconds, and the log names the rebuild.
    let text = std::fs::read_to_string(&post).unwrap();
    std::fs::write(
        &post,
        text.replace("This post links to", "This EDITED post links to"),
    )
    .unwrap();
    server.get_until("/posts/first/", "the edit", |r| {
        r.body.contains("This EDITED post links to")
    });
    let rebuild = server.wait_for_log(
        "content/posts/first.md changed: rebuilt in",
        Duration::from_secs(5),
    );
    assert!(
        rebuild.contains("Markdown of content/posts/first.md"),
        "{rebuild}"
    );
    assert!(rebuild.contains("posts/first/index.html"), "{rebuild}");
    assert!(
        !rebuild.contains("posts/second/index.html"),
        "the other post is reused: {rebuild}"
    );

    // Broken front matter: the last good page stays, under an overlay naming the place.
    let good = std::fs::read_to_string(&post).unwrap();
    std::fs::write(&post, good.replacen("title = \"First\"", "title = ", 1)).unwrap();
    let broken = server.get_until("/posts/first/", "the error overlay", |r| {
        r.body.contains("id=\"folio-error\"")
    });
    let overlay = &broken.body[broken.body.find("id=\"folio-error\"").unwrap()..];
    assert!(
        overlay.contains("content/posts/first.md:2:9: invalid TOML front matter"),
        "{overlay}"
    );
    assert!(broken.body.contains("This EDITED post links to"));
    let other = server.get("/posts/second/");
    assert!(other.body.contains("id=\"folio-error\""), "on every page");
    server.wait_for_log("rebuild failed", Duration::from_secs(5));

    std::fs::write(&post, &good).unwrap();
    let fixed = server.get_until("/posts/first/", "the page without the overlay", |r| {
        !r.body.contains("id=\"folio-error\"")
    });
    assert!(fixed.body.contains("This EDITED post links to"));
}

#[test]
fn refuses_paths_out_of_the_site() {
    let server = Server::start_with(|root| {
        std::fs::create_dir_all(root.join("static")).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", root.join("static/passwd")).unwrap();
    });
    let response = server.get("/passwd");
    assert_eq!(response.status, 404, "a symbolic link is not served");
    assert!(!response.body.contains("root:"));
    for target in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2fetc/passwd",
        "/posts/..%5c..%5cetc/passwd",
    ] {
        let response = server.get(target);
        assert_eq!(response.status, 403, "{target}");
        assert!(!response.body.contains("root:"), "{target}");
    }
}

#[test]
fn types_redirects_and_events() {
    let server = Server::start();
    for (target, expected) in [
        ("/folio.css", "text/css; charset=utf-8"),
        ("/index.xml", "text/xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
    ] {
        let response = server.get(target);
        assert_eq!(response.status, 200, "{target}");
        assert_eq!(response.header("content-type"), Some(expected), "{target}");
    }

    let folder = server.get("/posts/first?x=1");
    assert_eq!(folder.status, 301);
    assert_eq!(folder.header("location"), Some("/posts/first/?x=1"));

    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("/__folio/events"),
        "the site's 404 page, reloading too"
    );

    // A page from an older build is told to reload at once.
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET /__folio/events?since=0 HTTP/1.1\r\nHost: x\r\n\r\n"
    )
    .unwrap();
    let mut received = String::new();
    let mut reader = BufReader::new(stream);
    while !received.contains("event: reload") {
        let mut line = String::new();
        assert!(reader.read_line(&mut line).unwrap() > 0, "{received}");
        received.push_str(&line);
    }
    assert!(
        received.contains("content-type: text/event-stream"),
        "{received}"
    );
}

#[test]
fn a_taken_port_is_an_error_naming_the_way_out() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = common::copy_fixture("check-ok");
    let out = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["serve", "--port", &port, "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(&format!("error: 127.0.0.1:{port}: the port is in use")),
        "{stderr}"
    );
    assert!(stderr.contains("--port 0"), "{stderr}");
}
