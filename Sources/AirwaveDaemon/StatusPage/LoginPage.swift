/// The one-field form the status page shows when an API token is configured and no valid cookie came.
enum LoginPage {
    /// The form; `failed` adds a line saying the last token was wrong.
    static func render(failed: Bool) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width,initial-scale=1">
        <title>Airwave · sign in</title><style>\(StatusPageStyle.css)</style></head>
        <body><form class="login" method="post" action="/login">
        <h1>Airwave</h1><p>Enter the API token to see the status page.</p>
        \(failed ? "<p class=\"error\" role=\"alert\">That token is not valid.</p>" : "")
        <input type="password" name="token" autocomplete="current-password" aria-label="API token" required autofocus>
        <button type="submit">Sign in</button>
        </form></body></html>

        """
    }
}
