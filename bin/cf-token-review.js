#!/usr/bin/env node
// The `cf-token-review` command (package.json "bin"): the compiled CLI in dist/.
require('../dist/review/cli-main.js');
