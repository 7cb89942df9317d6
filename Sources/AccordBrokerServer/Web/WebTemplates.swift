import Hummingbird
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
    <nav><a href="/">Integrations</a><a href="/ui/pacticipants">Pacticipants</a><a href="/ui/matrix">Matrix</a><a href="/ui/environments">Environments</a>
    <a href="/ui/graph">Graph</a><a href="/ui/can-i-deploy">can-i-deploy</a><a href="/ui/webhooks">Webhooks</a></nav>
    </header>
    <main><h1>{{title}}</h1>
    {{{body}}}
    </main><footer>{{#open}}<strong class="open">open: anyone can publish</strong> (no credential is configured) ·
    {{/open}}Also HAL JSON: send <code>Accept: application/hal+json</code>.</footer></body></html>
    """,
    "index": """
    <p class="counts">{{total}} integrations{{#counts}} · <a class="count {{state}}" href="{{url}}"><span
    aria-hidden="true">{{icon}}</span> {{count}} {{text}}</a>{{/counts}} · <a href="/ui/pacticipants">all
    pacticipants</a></p>
    <form method="get" action="/" class="filters"><label>Name <input name="q" value="{{q}}" type="search"
    placeholder="consumer or provider"></label><label>Status <select name="status"><option value="">any</option>
    {{#statuses}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{text}}</option>{{/statuses}}
    </select></label><label>Environment <select name="environment"><option value="">any</option>{{#environments}}
    <option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/environments}}</select></label>
    <button>Filter</button>{{#filtered}}<a href="/">clear</a>{{/filtered}}</form>
    {{#problems}}<p class="answer failed">{{.}}</p>{{/problems}}
    {{#filtered}}<p>{{shownCount}} of {{total}} integrations match.</p>{{/filtered}}
    <div class="scroll"><table class="list" id="integrations"><thead><tr><th>Status</th><th>Consumer</th>
    <th>Provider</th><th>Latest pact</th><th>Published</th><th>Verified by</th><th>Verified</th></tr></thead><tbody>
    {{{rows}}}{{^hasRows}}<tr><td colspan="7">{{#filtered}}No integration matches.{{/filtered}}{{^filtered}}Nothing
    published yet: <code>accord publish contracts --consumer-app-version 1.0.0 --branch main</code>.{{/filtered}}
    </td></tr>{{/hasRows}}
    </tbody></table></div>
    {{#paging}}<p class="paging">{{#previous}}<a href="{{previous}}" rel="prev">← previous</a> · {{/previous}}page
    {{page}} of {{pages}}{{#next}} · <a href="{{next}}" rel="next">next →</a>{{/next}}</p>{{/paging}}
    """,
    "pacticipants": """
    <p>{{pacticipantCount}} pacticipants, {{contracts}} contracts. <a href="/">The integrations</a> show what is
    broken.</p>
    <div class="scroll"><table class="list" id="pacticipants"><thead><tr><th>Pacticipant</th><th>Latest version</th>
    <th>Branches</th><th>Published</th><th>Main branch</th><th>Deployed or released</th></tr></thead><tbody>
    {{#pacticipants}}<tr><td><a href="{{url}}">{{name}}</a></td><td>{{latest}}</td><td>{{branches}}</td>
    <td><span title="{{createdAt}}">{{created}}</span></td><td>{{mainBranch}}</td><td>{{environments}}</td></tr>
    {{/pacticipants}}{{^pacticipants}}<tr><td colspan="6">Nothing published yet: <code>accord publish contracts
    --consumer-app-version 1.0.0 --branch main</code>.</td></tr>{{/pacticipants}}
    </tbody></table></div>
    """,
    "pacticipant": """
    <p>Main branch: {{mainBranch}} · <a href="{{graphURL}}">in the whole graph</a>{{#provides}} · <a
    href="{{usageURL}}">fields its consumers use</a>{{/provides}}</p>
    <h2>Neighbours</h2><p>{{#oneHop}}<a href="{{oneHop}}">one hop</a> · <a href="{{twoHops}}">two hops</a>
    {{/oneHop}}</p><p class="legend">{{{legend}}}</p><div class="graph-frame" id="graph-frame">{{{svg}}}</div>
    {{#candidate}}<h2>Can {{name}} {{candidate}} be deployed?</h2>{{/candidate}}
    <ul class="integrations" id="deployability">{{#deployability}}<li class="{{status}}"><b>{{environment}}:
    {{text}}</b> — <a href="{{url}}">{{reason}}</a></li>{{/deployability}}</ul>
    <h2>Contracts</h2>{{^contracts}}<p>None yet.</p>{{/contracts}}
    {{#contracts}}<div class="scroll"><table class="list" id="contracts"><thead><tr><th>Status</th><th>Role</th>
    <th>With</th><th>Latest pact</th><th>Published</th><th>Verified by</th></tr></thead><tbody>{{/contracts}}
    {{#asConsumer}}<tr><td class="cell {{state}}"><span aria-hidden="true">{{icon}}</span> {{stateText}}
    <div class="why">{{explanation}}</div></td><td>consumer of</td><td><a href="{{otherURL}}">{{other}}</a></td>
    <td><a href="{{versionURL}}">{{version}}</a></td><td><span title="{{publishedAt}}">{{published}}</span></td>
    <td>{{verifiedBy}}{{#verifiedBranch}} <span class="branch">{{verifiedBranch}}</span>{{/verifiedBranch}}</td></tr>
    {{/asConsumer}}{{#asProvider}}<tr><td class="cell {{state}}"><span aria-hidden="true">{{icon}}</span>
    {{stateText}}<div class="why">{{explanation}}</div></td><td>provider for</td><td><a
    href="{{otherURL}}">{{other}}</a></td><td><a href="{{versionURL}}">{{version}}</a></td><td><span
    title="{{publishedAt}}">{{published}}</span></td><td>{{verifiedBy}}{{#verifiedBranch}} <span
    class="branch">{{verifiedBranch}}</span>{{/verifiedBranch}}</td></tr>{{/asProvider}}
    {{#contracts}}</tbody></table></div>{{/contracts}}
    <h2>Latest versions</h2><div class="scroll"><table class="list" id="versions"><thead><tr><th>Version</th>
    <th>Branches</th><th>Tags</th><th>Published</th><th>Deployed or released</th><th></th></tr></thead><tbody>
    {{#versions}}<tr><td>{{number}}</td><td>{{branches}}</td><td>{{tags}}</td><td><span
    title="{{createdAt}}">{{created}}</span></td><td>{{places}}</td><td><a href="{{canIDeploy}}">can I
    deploy?</a></td></tr>{{/versions}}
    </tbody></table></div>
    """,
    "fields": """
    <p>What <a href="{{providerURL}}">{{provider}}</a>'s consumers read from it, from their latest contracts; a field
    no consumer reads can change freely. <a href="{{json}}">JSON</a></p>
    <div class="scroll"><table class="list" id="fields"><thead><tr><th>Endpoint</th><th>Field</th><th>Used by</th>
    </tr></thead><tbody>{{#fields}}<tr><td><code>{{endpoint}}</code></td><td><code>{{path}}</code></td><td>
    {{#consumers}}<a href="{{url}}">{{name}}</a> {{version}} <span class="why">{{reasons}}</span><br>{{/consumers}}
    </td></tr>{{/fields}}{{^fields}}<tr><td colspan="3">No consumer reads a field of it yet.</td></tr>{{/fields}}
    </tbody></table></div>
    {{#hasUnused}}<h2>Fields no consumer reads</h2><ul>{{#unused}}<li><code>{{endpoint}} {{path}}</code></li>
    {{/unused}}</ul>{{/hasUnused}}
    """,
    "contract": """
    <p class="meta"><a href="{{consumerURL}}">{{consumer}}</a> version <b>{{version}}</b>{{#branch}} <span
    class="branch">{{branch}}</span>{{/branch}} → <a href="{{providerURL}}">{{provider}}</a> · published
    <span title="{{publishedAt}}">{{published}}</span> · Pact specification {{specification}} · {{interactionCount}}
    interactions · <a href="{{raw}}">JSON</a> · <a href="{{usageURL}}">fields {{provider}}'s consumers use</a></p>
    {{#notLatest}}<p class="answer unverified">An older version: the latest is <a href="{{url}}">{{number}}</a>
    (<a href="{{diffURL}}">what changed since</a>).</p>{{/notLatest}}
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
    <h2 id="history">History ({{historyCount}} versions)</h2><div class="scroll"><table class="list" id="versions">
    <thead><tr><th>Consumer version</th><th>Published</th><th>Content</th><th>Verification</th><th>Changes</th>
    </tr></thead><tbody>{{#versions}}<tr{{#current}} class="current"{{/current}}><td><a href="{{url}}">{{number}}</a>
    {{#branch}} <span class="branch">{{branch}}</span>{{/branch}}{{#current}} (shown){{/current}}</td>
    <td><span title="{{publishedAt}}">{{published}}</span></td><td><code>{{sha}}</code></td>
    <td class="cell {{status}}">{{#verificationURL}}<a href="{{verificationURL}}">{{statusText}}</a>
    {{/verificationURL}}{{^verificationURL}}{{statusText}}{{/verificationURL}}</td>
    <td>{{#diffURL}}<a href="{{diffURL}}">diff with the previous</a>{{/diffURL}}{{#same}}same as the previous
    {{/same}}</td></tr>{{/versions}}</tbody></table></div>{{#more}}<p>Only the latest 50 are listed.</p>{{/more}}
    """,
    "diff": """
    <p><a href="{{fromURL}}">{{from}}</a> → <a href="{{toURL}}">{{to}}</a> · <a href="{{historyURL}}">history</a></p>
    <p class="answer {{verdictStatus}}" id="verdict">{{verdict}}</p>
    {{#entries}}<section class="interaction change {{change}}"><h2>{{change}}: {{description}}</h2>
    {{#states}}<p class="state">given <b>{{.}}</b></p>{{/states}}
    {{#mayBreak}}<p class="kind">can break the provider's verification</p>{{/mayBreak}}
    {{^mayBreak}}<p class="kind">cannot break it: an expectation taken away</p>{{/mayBreak}}
    <ul class="diff">{{#lines}}<li class="{{kind}}"><code>{{text}}</code></li>{{/lines}}</ul></section>
    {{/entries}}{{^entries}}<p>No interaction changed.</p>{{/entries}}
    """,
    "matrix": """
    {{^queried}}<p>The latest pact of each consumer and provider and what verified it, with the provider's branch. A
    failure on a provider's feature branch while its main branch verified is shown apart. A red cell links to its
    mismatches.</p>{{/queried}}{{#queried}}<p class="answer {{status}}" id="answer">{{summary}}</p>{{/queried}}
    {{#error}}<p class="answer failed">{{error}}</p>{{/error}}
    <div class="scroll"><table class="list matrix" id="matrix"><thead><tr><th>Consumer</th><th>Version</th>
    <th>Provider</th><th>Verified by</th><th>Result</th></tr></thead><tbody>
    {{#rows}}<tr><td><a href="{{consumerURL}}">{{consumer}}</a></td><td>{{consumerVersion}}{{#consumerBranch}}
    <span class="branch">{{consumerBranch}}</span>{{/consumerBranch}}</td>
    <td><a href="{{providerURL}}">{{provider}}</a></td><td>{{providerVersion}}{{#providerBranch}} <span
    class="branch">{{providerBranch}}</span>{{/providerBranch}}{{#when}} <span title="{{whenAt}}"
    class="why">{{when}}</span>{{/when}}</td>
    <td class="cell {{status}}">{{#href}}<a href="{{href}}">{{text}}</a>{{/href}}{{^href}}{{text}}{{/href}}
    {{#why}}<div class="why">{{why}}</div>{{/why}}</td></tr>
    {{/rows}}{{^rows}}<tr><td colspan="5">No pacts yet.</td></tr>{{/rows}}</tbody></table></div>
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
    "error": """
    {{#messages}}<p class="answer failed" id="error">{{.}}</p>{{/messages}}
    <p>{{#notFound}}Nothing is here. {{/notFound}}Start from <a href="/">the integrations</a>, <a
    href="/ui/pacticipants">the pacticipants</a> or <a href="/ui/graph">the graph</a>.</p>
    """,
    "graph": """
    <p>Every service and who depends on whom: consumers above their providers. {{nodes}} services, {{edges}}
    contracts. Each line links to its contract, each box to its service.</p>
    <form method="get" action="/ui/graph" class="inline"><label>Focus on a service
    <input name="focus" list="services" value="{{focus}}" autocomplete="off"></label><datalist id="services">
    {{#services}}<option value="{{.}}">{{/services}}</datalist><button>Focus</button>
    {{#focused}}<a href="/ui/graph">show all</a> · <a href="{{focusedURL}}">{{focused}}'s page</a>
    {{/focused}}</form>
    {{#error}}<p class="answer failed">{{error}}</p>{{/error}}
    <p class="legend">{{{legend}}}</p>
    <div class="zoom" id="zoom" hidden><button type="button" data-zoom="out" aria-label="zoom out">−</button>
    <span id="zoom-level">100%</span><button type="button" data-zoom="in" aria-label="zoom in">+</button>
    <button type="button" data-zoom="fit">fit to screen</button><button type="button" data-zoom="actual">100%</button>
    </div>
    <div class="graph-frame" id="graph-frame">{{{svg}}}</div><script src="/ui/graph.js"></script>
    """,
  ]

  /// An error as a page with the navigation, for a browser: its status, what went wrong and where to go.
  static func errorPage(_ error: APIError) -> Response {
    let title = "\(error.status.code) \(error.status.reasonPhrase)"
    let body =
      library.render(
        ["messages": error.messages, "notFound": error.status == .notFound], withTemplate: "error") ?? ""
    let html = library.render(["title": title, "body": body, "open": false], withTemplate: "layout") ?? ""
    return Response(
      status: error.status, headers: [.contentType: "text/html; charset=utf-8"],
      body: .init(byteBuffer: ByteBuffer(string: html)))
  }

  /// Zoom and fit-to-screen for the graph, and the focused service scrolled into view. Without it the page works:
  /// the frame scrolls and the focus is a plain form.
  static let graphScript = """
    (function () {
      var frame = document.getElementById("graph-frame"), svg = document.getElementById("graph");
      var bar = document.getElementById("zoom"), level = document.getElementById("zoom-level");
      if (!frame || !svg || !bar) return;
      var width = Number(svg.getAttribute("width")), height = Number(svg.getAttribute("height")), scale = 1;
      function apply() {
        svg.setAttribute("width", String(Math.round(width * scale)));
        svg.setAttribute("height", String(Math.round(height * scale)));
        level.textContent = Math.round(scale * 100) + "%";
      }
      function fit() { scale = Math.min(1, Math.max(0.1, (frame.clientWidth - 4) / width)); apply(); }
      bar.hidden = false;
      bar.addEventListener("click", function (event) {
        var action = event.target.getAttribute && event.target.getAttribute("data-zoom");
        if (action === "fit") fit();
        else if (action === "actual") { scale = 1; apply(); }
        else if (action === "in" || action === "out") {
          scale = Math.max(0.1, Math.min(4, scale * (action === "in" ? 1.25 : 0.8)));
          apply();
        }
      });
      var focus = svg.querySelector(".node.focus");
      if (focus) { focus.scrollIntoView({block: "center", inline: "center"}); } else { fit(); }
    })();
    """

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
    .cell.failed-on-branch,.answer.failed-on-branch{background:#f8e6f0;color:#7a2456}
    .why{font-size:12px;font-weight:400;max-width:28em}.branch{font-size:12px;background:#e8ecf3;border-radius:4px;
    padding:0 5px;white-space:nowrap}.counts .count{margin-right:2px}.count.failed{color:#8a1c1c}
    .count.failed-on-branch{color:#7a2456}.scroll{overflow-x:auto;max-width:100%}.filters{flex-wrap:wrap}
    time{white-space:nowrap}.paging{margin:12px 0}tr.current td{background:#fff8dc}
    .diff{list-style:none;padding:0}.diff li{padding:2px 6px}.diff li.added{background:#e6f4ea}
    .diff li.removed{background:#fbe9e7}.diff li.changed{background:#fff4d6}.change.added h2::before{content:"+ "}
    .change.removed h2::before{content:"− "}
    .answer{padding:10px 14px;border-radius:6px;font-weight:600}.integrations li,.results li{padding:4px 8px;margin:2px 0}
    .interaction{background:#fff;border:1px solid #e3e6eb;border-radius:8px;padding:8px 16px;margin:12px 0}
    .exchange{display:grid;grid-template-columns:1fr 1fr;gap:16px}.kind{color:#778;font-size:13px;margin:0}
    .state{margin:2px 0}.header{margin:0;font:13px ui-monospace,monospace;color:#445}.line{margin:2px 0}
    .rules li{margin:2px 0}.tag{font-size:12px;background:#1d2330;color:#fff;border-radius:4px;padding:1px 6px}
    .graph-frame{overflow:auto;background:#fff;border:1px solid #e3e6eb;border-radius:8px;max-height:80vh}
    .graph .node rect{fill:#fff;stroke:#1d2330;stroke-width:1.5}.graph text{font:13px system-ui,sans-serif;fill:#1d2330}
    .graph .node.focus rect{fill:#fff4c2;stroke-width:3}.graph .faded{opacity:.15}
    .graph .edge .hit{fill:none;stroke:transparent;stroke-width:10}.graph .edge .line{fill:none;stroke-width:1.8}
    .graph .edge.verified .line{stroke:#009e73}.graph .edge.failed .line{stroke:#d55e00;stroke-width:2.6;
    stroke-dasharray:9 4}.graph .edge.failed-on-branch .line{stroke:#cc79a7;stroke-dasharray:10 3 2 3}
    .graph .edge.unverified .line{stroke:#8a8f98;stroke-dasharray:2 4}.graph .edge.message .line{stroke-width:5}
    .graph .edge .rail{fill:none;stroke:#fff;stroke-width:1.8}.graph .edge:hover .line{stroke-width:4}
    .graph .edge.message:hover .line{stroke-width:7}.graph .edge.near .line{stroke-width:3}
    .legend{display:flex;flex-wrap:wrap;gap:6px 18px;font-size:13px}.key{display:inline-flex;align-items:center;gap:4px}
    .zoom{display:flex;gap:8px;align-items:center;margin:8px 0}form.inline{flex-wrap:wrap}
    form{display:flex;gap:12px;align-items:end;
    margin-bottom:16px}label{display:flex;flex-direction:column;font-size:13px}input{padding:5px 8px}
    button{padding:6px 14px}footer{padding:16px 24px;color:#778;font-size:13px}footer .open{color:#9a3412}
    .cell.succeeded,.answer.succeeded,tr.succeeded{background:#dff3e4;color:#145c2a}
    .cell.pending,.answer.pending{background:#fff4d6;color:#6b4e00}
    .delivery pre{max-height:160px;white-space:pre-wrap;word-break:break-all}
    @media (max-width:700px){header{flex-wrap:wrap;gap:8px;padding:10px 12px}nav{flex-wrap:wrap;gap:4px 14px}
    main{padding:12px}.exchange{grid-template-columns:1fr}form{flex-direction:column;align-items:stretch}
    input,select{width:100%}.graph-frame{max-height:70vh}}
    """
}
