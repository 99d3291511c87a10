// Installs the console's packages with `npm ci` unless node_modules already matches
// package-lock.json (npm records what it installed in node_modules/.package-lock.json).
// A fresh clone has no node_modules and always installs.
import { execSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'

const installed = 'node_modules/.package-lock.json'
const upToDate =
  existsSync(installed) &&
  existsSync('node_modules/.bin/vite') &&
  statSync(installed).mtimeMs >= statSync('package-lock.json').mtimeMs
if (upToDate) {
  console.log('web: node_modules is up to date with package-lock.json')
} else {
  console.log('web: npm ci')
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' })
}
