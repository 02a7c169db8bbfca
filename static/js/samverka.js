// Samverka's own script: small progressive enhancements only; every page works without it.
// No inline scripts anywhere (the Content-Security-Policy forbids them).
