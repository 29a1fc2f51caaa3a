// The --help texts. Each ends with a newline; examples use the mock's URLs so they can be tried as is.

const EXIT_CODES_TEXT = `Exit codes:
  0    everything passed / done
  1    a check failed, or the server refused the login
  2    usage: bad flag or URL, missing --database/--user, no password and no terminal to ask
  3    the server could not be reached: DNS, refused port, TLS, timeout
  130  interrupted (Ctrl-C)
`;

const CONNECTION_TEXT = `  -d, --database <name>    the hosted file, without .fmp12
  -u, --user <name>        FileMaker account name, or Claris ID email (FileMaker Cloud, Claris Server)
      --flavor <flavor>    filemaker-server | filemaker-cloud | claris-server (default: detected)
      --ca <file>          PEM file of the CA that signed the server's certificate (self-signed servers)
      --proxy <url>        HTTP(S) proxy, e.g. http://proxy.internal:3128
      --timeout <ms>       longest wait for each network step (default 15000)
      --cognito-endpoint <url>  Cognito endpoint for FileMaker Cloud (the mock's .../cognito);
                           also FMAUTH_COGNITO_ENDPOINT
      --allow-insecure-http  allow http:// to a non-loopback host (sends the password unencrypted)
      --json               one JSON document on stdout, for scripts
  -h, --help               this help
`;

const SECRETS_TEXT = `Secrets are never flags (they would land in shell history):
  FMAUTH_PASSWORD     the password: FileMaker account password, Claris ID password (FileMaker Cloud)
                      or extended account password (Claris Server). Asked for, unechoed, when unset.
  FMAUTH_TOTP_SECRET  the authenticator secret (base32) for Claris IDs with MFA; without it the
                      code is asked for at a prompt.
`;

export const MAIN_HELP = `fmauth: log in to FileMaker / Claris servers from the command line.

Usage:
  fmauth doctor <url> [options]   check a server and an account; explain what fails and what to do
  fmauth token <url> [options]    log in and print a Data API token (or, --claris-id, an FMID token)
  fmauth logout <url> [options]   end a Data API session a token command printed
  fmauth mock [options]           run the mock server (same as fmauth-mock)
  fmauth <command> --help         options and examples of a command
  fmauth --version

${EXIT_CODES_TEXT}`;

export const DOCTOR_HELP = `fmauth doctor <url> [options]

Checks, one line each: the connection, TLS, which flavor the server is (and why), that the Data API
answers (productInfo), and, given --database and --user, a login with that account, explained in the
words of fmauth's typed errors (extended password on Claris Server, Claris ID on FileMaker Cloud, the
fmrest privilege, an inactive account, the session limit, MFA). Exits 0 only when every check passes.

Options:
${CONNECTION_TEXT}      --odata              also check OData with the account
      --admin-api          also check the Admin API with the account

${SECRETS_TEXT}
Examples:
  fmauth doctor https://fms.example.com
  FMAUTH_PASSWORD=admin-pass fmauth doctor http://127.0.0.1:8080 -d Contacts -u admin
  fmauth doctor https://fms.example.com --ca ./fms-ca.pem -d Contacts -u api-user
  fmauth doctor http://127.0.0.1:8080/claris-server -d Contacts -u dev@example.com --json

${EXIT_CODES_TEXT}`;

export const TOKEN_HELP = `fmauth token <url> --database <db> --user <name> [options]

Logs in and prints the Data API session token on stdout (nothing else), for curl and Postman:
  curl -H "Authorization: Bearer $TOKEN" <url>/fmi/data/vLatest/databases/<db>/layouts
The session stays open until 15 idle minutes pass or fmauth logout ends it. With --claris-id on
FileMaker Cloud it prints the Claris ID (Cognito) token instead, to send as "Authorization: FMID …";
its Data API session is ended right away.

Options:
${CONNECTION_TEXT}      --claris-id          print the FileMaker Cloud Claris ID (FMID) token instead

With --json: {"kind","token","authorization","baseUrl","database","flavor","expiresAt","slidingExpiry"}.

${SECRETS_TEXT}
Examples:
  TOKEN=$(FMAUTH_PASSWORD=admin-pass fmauth token http://127.0.0.1:8080 -d Contacts -u admin)
  fmauth token https://acme.account.filemaker-cloud.com -d Contacts -u dev@example.com --claris-id
  fmauth token http://127.0.0.1:8080/claris-server -d Contacts -u dev@example.com --json

${EXIT_CODES_TEXT}`;

export const LOGOUT_HELP = `fmauth logout <url> --database <db> [options]

Ends a Data API session that fmauth token printed. The token comes from FMAUTH_TOKEN, from stdin
(the token alone, or the output of fmauth token --json), or a prompt that does not echo it.

Options:
${CONNECTION_TEXT}
Examples:
  FMAUTH_TOKEN=$TOKEN fmauth logout http://127.0.0.1:8080 -d Contacts
  fmauth token http://127.0.0.1:8080 -d Contacts -u admin --json | fmauth logout http://127.0.0.1:8080 -d Contacts

${EXIT_CODES_TEXT}`;
