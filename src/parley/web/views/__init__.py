"""One module per page. Each `build(...)` returns the plain data the page shows; the HTML
template renders it and the `.json` twin returns it (without `_`-prefixed presentation keys)."""
