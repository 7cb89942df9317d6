import Mustache

/// The web page's templates (swift-mustache) and stylesheet, compiled once. No JavaScript, nothing from a CDN.
enum WebTemplates {
  static let library: MustacheLibrary = {
    var library = MustacheLibrary()
    for (name, text) in sources {
      // The templates are part of the program: a template that does not compile is a bug caught by the tests.
      library.register(try! MustacheTemplate(string: text), named: name)
    }
    return library
  }()

  static let sources: [String: String] = [
    "layout": """
    <!doctype html>
    <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} · Accord broker</title><link rel="stylesheet" href="/ui/style.css"></head>
    <body><header><a class="brand" href="/">Accord broker</a>
    <nav><a href="/">Pacticipants</a><a href="/ui/matrix">Matrix</a><a href="/ui/environments">Environments</a>
    <a href="/ui/graph">Graph</a><a href="/ui/can-i-deploy">can-i-deploy</a><a href="/ui/webhooks">Webhooks</a></nav>
    </header>
    <main><h1>{{title}}</h1>
    {{{body}}}
    </main><footer>{{#open}}<strong class="open">open: anyone can publish</strong> (no credential is configured) ·
    {{/open}}Also HAL JSON: send <code>Accept: application/hal+json</code>.</footer></body></html>
    """,
    "index": """
    <p>{{pacticipantCount}} pacticipants, {{contracts}} contracts.</p>
    <table class="list" id="pacticipants"><thead><tr><th>Pacticipant</th><th>Latest version</th><th>Branches</th>
    <th>Main branch</th><th>Deployed or released</th></tr></thead><tbody>
    {{#pacticipants}}<tr><td><a href="{{url}}">{{name}}</a></td><td>{{latest}}</td><td>{{branches}}</td>
    <td>{{mainBranch}}</td><td>{{environments}}</td></tr>
    {{/pacticipants}}{{^pacticipants}}<tr><td colspan="5">Nothing published yet: <code>accord publish contracts
    --consumer-app-version 1.0.0 --branch main</code>.</td></tr>{{/pacticipants}}
    </tbody></table>
    """,
    "pacticipant": """
    <p>Main branch: {{mainBranch}} · <a href="/ui/graph">in the graph</a></p>
    <h2>Contracts</h2><ul class="contracts">
    {{#asConsumer}}<li>consumer of <a href="{{url}}">{{other}}</a> (version {{version}})</li>{{/asConsumer}}
    {{#asProvider}}<li>provider for <a href="{{url}}">{{other}}</a> (version {{version}})</li>{{/asProvider}}
    {{^contracts}}<li>none</li>{{/contracts}}</ul>
    <h2>Latest versions</h2><table class="list"><thead><tr><th>Version</th><th>Branches</th><th>Tags</th>
    <th>Published</th><th></th></tr></thead><tbody>
    {{#versions}}<tr><td>{{number}}</td><td>{{branches}}</td><td>{{tags}}</td><td>{{created}}</td>
    <td><a href="{{canIDeploy}}">can I deploy?</a></td></tr>{{/versions}}
    </tbody></table>
    """,
    "contract": """
    <p class="meta">{{consumer}} version {{version}} → {{provider}} · Pact specification {{specification}} ·
    {{interactionCount}} interactions · <a href="{{raw}}">JSON</a></p>
    <p class="badge"><img src="{{badge}}" alt="pact status"> for a README:
    <code>![pact status]({{badgeURL}})</code></p>
    {{#interactions}}<section class="interaction"><h2>{{description}}</h2><p class="kind">{{kind}}</p>
    {{#states}}<p class="state">given <b>{{.}}</b></p>{{/states}}
    {{#request}}<div class="exchange"><div class="part"><h3>Request</h3><p class="line"><b>{{method}}</b> {{path}}{{query}}</p>
    {{#headers}}<p class="header">{{name}}: {{value}}</p>{{/headers}}{{#body}}<pre>{{.}}</pre>{{/body}}</div>
    {{/request}}{{#response}}<div class="part"><h3>Response</h3><p class="line"><b>{{status}}</b></p>
    {{#headers}}<p class="header">{{name}}: {{value}}</p>{{/headers}}{{#body}}<pre>{{.}}</pre>{{/body}}</div></div>
    {{/response}}{{#message}}<div class="part"><h3>Message</h3>{{#metadata}}<p class="header">{{name}}: {{value}}</p>
    {{/metadata}}{{#body}}<pre>{{.}}</pre>{{/body}}</div>{{/message}}
    {{#hasRules}}<h3>Matching rules</h3><ul class="rules">{{#rules}}<li><code>{{part}} {{path}}</code> {{text}}</li>
    {{/rules}}</ul>{{/hasRules}}</section>
    {{/interactions}}
    """,
    "matrix": """
    {{^queried}}<p>The latest pact of each consumer and provider, and its latest verification. A red cell links to its
    mismatches.</p>{{/queried}}{{#queried}}<p class="answer {{status}}" id="answer">{{summary}}</p>{{/queried}}
    {{#error}}<p class="answer failed">{{error}}</p>{{/error}}
    <table class="list matrix" id="matrix"><thead><tr><th>Consumer</th><th>Version</th><th>Provider</th>
    <th>Verified by</th><th>Result</th></tr></thead><tbody>
    {{#rows}}<tr><td><a href="{{consumerURL}}">{{consumer}}</a></td><td>{{consumerVersion}}</td>
    <td><a href="{{providerURL}}">{{provider}}</a></td><td>{{providerVersion}}</td>
    <td class="cell {{status}}">{{#href}}<a href="{{href}}">{{text}}</a>{{/href}}{{^href}}{{text}}{{/href}}</td></tr>
    {{/rows}}{{^rows}}<tr><td colspan="5">No pacts yet.</td></tr>{{/rows}}</tbody></table>
    """,
    "verification": """
    <p class="cell {{status}}">{{consumer}} {{consumerVersion}} → {{provider}} {{providerVersion}}: {{text}}</p>
    <p>Executed {{executed}}{{#buildURL}} · <a href="{{buildURL}}">build</a>{{/buildURL}} ·
    <a href="{{contract}}">the contract</a></p>
    <ul class="results">{{#tests}}<li class="{{status}}"><b>{{description}}</b>{{#hasMismatches}}<ul>
    {{#mismatches}}<li><code>{{.}}</code></li>{{/mismatches}}</ul>{{/hasMismatches}}</li>{{/tests}}
    {{^tests}}<li>The verifier published no per-interaction results.</li>{{/tests}}</ul>
    """,
    "environments": """
    {{#environments}}<section class="environment"><h2>{{name}}{{#production}} <span class="tag">production</span>
    {{/production}}</h2><table class="list"><thead><tr><th>Pacticipant</th><th>Version</th><th>How</th></tr></thead>
    <tbody>{{#entries}}<tr><td><a href="{{url}}">{{pacticipant}}</a></td><td>{{version}}</td><td>{{how}}</td></tr>
    {{/entries}}{{^entries}}<tr><td colspan="3">Nothing deployed or released.</td></tr>{{/entries}}</tbody></table>
    </section>{{/environments}}{{^environments}}<p>No environments: <code>accord create-environment --name
    production --production</code>.</p>{{/environments}}
    """,
    "canIDeploy": """
    <form method="get" action="/ui/can-i-deploy"><label>Pacticipant <input name="pacticipant" value="{{pacticipant}}">
    </label><label>Version <input name="version" value="{{version}}"></label><label>Environment
    <input name="environment" value="{{environment}}"></label><button>Ask</button></form>
    {{#asked}}<p class="answer {{status}}" id="answer">{{headline}}</p><ul class="integrations">
    {{#integrations}}<li class="{{status}}">{{text}}</li>{{/integrations}}</ul>{{/asked}}
    {{#error}}<p class="answer failed">{{error}}</p>{{/error}}
    """,
    "webhooks": """
    <table class="list"><thead><tr><th>Webhook</th><th>Fires on</th><th>For</th><th>Calls</th><th>Last delivery</th>
    </tr></thead><tbody>{{#webhooks}}<tr><td><a href="{{url}}">{{title}}</a>{{^enabled}} <span class="tag">disabled
    </span>{{/enabled}}</td><td>{{events}}</td><td>{{pair}}</td><td><code>{{request}}</code></td>
    <td class="cell {{lastStatus}}">{{last}}</td></tr>{{/webhooks}}{{^webhooks}}<tr><td colspan="5">No webhooks:
    create one with <code>pact-broker create-webhook</code> or <code>POST /webhooks</code>.</td></tr>{{/webhooks}}
    </tbody></table>
    """,
    "webhook": """
    <p>Fires on {{events}} for {{pair}}; calls <code>{{request}}</code>{{^enabled}} — <b>disabled</b>{{/enabled}}.
    Test it with <code>POST {{executeURL}}</code>.</p>
    {{#deliveries}}<section class="interaction delivery"><h2>{{event}} · {{consumer}} → {{provider}}</h2>
    <p class="answer {{statusClass}}">{{status}}{{#next}} · next attempt {{next}}{{/next}}</p>
    <table class="list"><thead><tr><th>#</th><th>Started</th><th>Time</th><th>Request</th><th>Answer</th></tr></thead>
    <tbody>{{#attempts}}<tr class="{{statusClass}}"><td>{{number}}</td><td>{{started}}</td><td>{{milliseconds}} ms</td>
    <td><code>{{request}}</code></td><td>{{#status}}<b>{{status}}</b>{{/status}}{{#error}} {{error}}{{/error}}
    {{#body}}<pre>{{body}}</pre>{{/body}}</td></tr>{{/attempts}}</tbody></table></section>{{/deliveries}}
    {{^deliveries}}<p>Not delivered yet: nothing it fires on has happened since it was created.</p>{{/deliveries}}
    """,
    "graph": """
    <p>Every service and who depends on whom: consumers above their providers; green verified, red failed, grey not
    verified yet. {{nodes}} services, {{edges}} contracts.</p><div class="graph-frame">{{{svg}}}</div>
    """,
  ]

  static let stylesheet = """
    *{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2330;
    background:#f6f7f9}header{display:flex;gap:24px;align-items:center;padding:12px 24px;background:#1d2330}
    header a{color:#e8ecf3;text-decoration:none}.brand{font-weight:700}nav{display:flex;gap:16px}
    main{padding:16px 24px;max-width:1400px}h1{font-size:24px;margin:8px 0 16px}h2{font-size:18px;margin:20px 0 8px}
    h3{font-size:14px;margin:4px 0;color:#556}table.list{border-collapse:collapse;background:#fff;width:100%}
    .list th,.list td{border-bottom:1px solid #e3e6eb;padding:6px 10px;text-align:left;vertical-align:top}
    .list th{background:#eef1f5;font-weight:600}a{color:#2454c4}code,pre{font:13px ui-monospace,Menlo,monospace}
    pre{background:#f2f4f7;padding:8px;border-radius:6px;overflow:auto;margin:4px 0}
    .cell.verified,.answer.verified,li.verified{background:#dff3e4;color:#145c2a}
    .cell.failed,.answer.failed,li.failed{background:#fbe1e1;color:#8a1c1c}
    .cell.unverified,.answer.unverified,li.unverified{background:#eceef2;color:#555}
    .answer{padding:10px 14px;border-radius:6px;font-weight:600}.integrations li,.results li{padding:4px 8px;margin:2px 0}
    .interaction{background:#fff;border:1px solid #e3e6eb;border-radius:8px;padding:8px 16px;margin:12px 0}
    .exchange{display:grid;grid-template-columns:1fr 1fr;gap:16px}.kind{color:#778;font-size:13px;margin:0}
    .state{margin:2px 0}.header{margin:0;font:13px ui-monospace,monospace;color:#445}.line{margin:2px 0}
    .rules li{margin:2px 0}.tag{font-size:12px;background:#1d2330;color:#fff;border-radius:4px;padding:1px 6px}
    .graph-frame{overflow:auto;background:#fff;border:1px solid #e3e6eb;border-radius:8px}
    .graph rect{fill:#fff;stroke:#1d2330;stroke-width:1.5}.graph text{font:13px system-ui,sans-serif;fill:#1d2330}
    .graph .edge{fill:none;stroke-width:1.8}.graph .edge.verified{stroke:#2f9e55}.graph .edge.failed{stroke:#d33}
    .graph .edge.unverified{stroke:#99a;stroke-dasharray:4 3}form{display:flex;gap:12px;align-items:end;
    margin-bottom:16px}label{display:flex;flex-direction:column;font-size:13px}input{padding:5px 8px}
    button{padding:6px 14px}footer{padding:16px 24px;color:#778;font-size:13px}footer .open{color:#9a3412}
    .cell.succeeded,.answer.succeeded,tr.succeeded{background:#dff3e4;color:#145c2a}
    .cell.pending,.answer.pending{background:#fff4d6;color:#6b4e00}
    .delivery pre{max-height:160px;white-space:pre-wrap;word-break:break-all}
    """
}
