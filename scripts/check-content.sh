#!/usr/bin/env bash
# The editorial rules of the shipped series (checks/content): every post's size, math,
# code, table and sections, its front matter, and every Python block running.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --release --quiet -p content-check -- content/transfer-learning
