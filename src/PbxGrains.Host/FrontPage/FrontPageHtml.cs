using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using PbxGrains.Host.Api;
using PbxGrains.Host.Hosting;
using PbxGrains.Host.Wallboard;

namespace PbxGrains.Host.FrontPage;

/// <summary>
/// Renders <see cref="FrontPageModel"/> as one HTML document with its style inline (nothing else to fetch, no script).
/// Every value goes through the HTML encoder, in text and in attributes alike: tenant ids, silo names and error messages
/// come from configuration and the cluster, not from this code.
/// </summary>
public static class FrontPageHtml
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 64rem; padding: 0 1rem; color: #1d2430; line-height: 1.45; }
        h1 { margin-bottom: .2rem; } h1 small { font-weight: normal; color: #5a6372; font-size: .55em; }
        h2 { border-bottom: 1px solid #d8dde6; padding-bottom: .2rem; margin-top: 2rem; }
        table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid #eceff4; }
        th { background: #f4f6fa; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
        code { background: #f4f6fa; padding: 0 .25rem; border-radius: 3px; }
        .facts { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }
        .note { color: #5a6372; } .warn { background: #fff6e0; border-left: 4px solid #e0a800; padding: .5rem .8rem; }
        ul.links li { margin: .15rem 0; } a { color: #0b5cad; }
        """;

    public static string Render(FrontPageModel page)
    {
        var html = new StringBuilder(8192);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>PbxGrains</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<h1>PbxGrains <small>a PBX without audio: call state on Orleans</small></h1>\n");

        Running(html, page);
        Tenants(html, page);
        Silos(html, page);
        Links(html, page);
        Examples(html, page);

        html.Append("<p class=\"note\">How it works, every setting and the security model: <code>README.md</code> at the root of the repository.</p>\n")
            .Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Running(StringBuilder html, FrontPageModel page)
    {
        html.Append("<section id=\"running\">\n<h2>Running</h2>\n<div class=\"facts\">\n");
        Fact(html, "Role", page.Role switch
        {
            PbxRole.SiloAndApi => "SiloAndApi: a silo that serves every HTTP surface",
            PbxRole.Api => "Api: an Orleans client serving the HTTP surfaces; the silos hold the state",
            _ => page.Role.ToString(),
        }, "role");
        Fact(html, "Simulated time", page.ClockNow.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture), "clock-now");
        Fact(html, "Clock speed", string.Create(CultureInfo.InvariantCulture,
            $"{page.ClockSpeed:0.###} simulated second{(page.ClockSpeed == 1 ? "" : "s")} per real second"), "clock-speed");
        foreach (var socket in page.Sockets)
        {
            Fact(html, socket.Name, socket.Port is { } port
                ? string.Create(CultureInfo.InvariantCulture, $"TCP port {port}")
                : "not listening in this process", null);
        }

        html.Append("</div>\n</section>\n");
    }

    private static void Tenants(StringBuilder html, FrontPageModel page)
    {
        html.Append("<section id=\"tenants\">\n<h2>Tenants</h2>\n");
        if (page.Tenants is not { } tenants)
        {
            html.Append("<p class=\"warn\" id=\"tenants-hidden\">").Append(Encoder.Encode(page.Access.Explanation)).Append("</p>\n</section>\n");
            return;
        }

        html.Append("<p class=\"note\">").Append(Encoder.Encode(page.Access.Explanation)).Append("</p>\n");
        if (tenants.Error is { } error)
        {
            html.Append("<p class=\"warn\">").Append(Encoder.Encode(error)).Append("</p>\n</section>\n");
            return;
        }

        if (tenants.Tenants.Count == 0)
        {
            html.Append("<p>No tenants. Create one with <code>POST /sim/tenants</code> (a scenario document).</p>\n</section>\n");
            return;
        }

        html.Append("<table>\n<thead><tr><th>Tenant</th><th>Live calls</th><th>Wallboard</th><th>Control API</th></tr></thead>\n<tbody>\n");
        foreach (var tenant in tenants.Tenants)
        {
            var id = Encoder.Encode(tenant.Id);
            var path = Encoder.Encode($"/sim/tenants/{Uri.EscapeDataString(tenant.Id)}");
            html.Append("<tr data-tenant=\"").Append(id).Append("\"><td>").Append(id).Append("</td><td class=\"num live-calls\">")
                .Append(tenant.LiveCalls is { } calls ? calls.ToString(CultureInfo.InvariantCulture) : "no answer")
                .Append("</td><td><a class=\"wallboard\" href=\"").Append(Encoder.Encode(WallboardEndpoints.PathOf(tenant.Id))).Append("\">wallboard</a>")
                .Append("</td><td><a href=\"").Append(path).Append("\">settings</a> · <a href=\"").Append(path).Append("/calls\">calls</a> · <a href=\"")
                .Append(path).Append("/queues\">queues</a> · <a href=\"").Append(path).Append("/extensions\">extensions</a></td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        if (tenants.NotShown > 0)
        {
            html.Append("<p class=\"note\">").Append(tenants.NotShown.ToString(CultureInfo.InvariantCulture))
                .Append(" more: <a href=\"/sim/tenants\">GET /sim/tenants</a> lists them all.</p>\n");
        }

        html.Append("</section>\n");
    }

    private static void Silos(StringBuilder html, FrontPageModel page)
    {
        html.Append("<section id=\"silos\">\n<h2>Silos</h2>\n");
        if (page.Silos is not { } silos)
        {
            html.Append("<p class=\"note\">The cluster's silos are shown to the control API's administrator.</p>\n</section>\n");
            return;
        }

        if (silos.Error is { } error)
        {
            html.Append("<p class=\"warn\">").Append(Encoder.Encode(error)).Append("</p>\n</section>\n");
            return;
        }

        html.Append("<table>\n<thead><tr><th>Silo</th><th>Address</th><th>Status</th><th>Started (UTC)</th></tr></thead>\n<tbody>\n");
        foreach (var silo in silos.Silos)
        {
            html.Append("<tr><td>").Append(Encoder.Encode(silo.Name ?? "")).Append(silo.IsThisProcess ? " (this process)" : "")
                .Append("</td><td>").Append(Encoder.Encode(silo.Endpoint)).Append("</td><td>").Append(Encoder.Encode(silo.Status))
                .Append("</td><td>").Append(silo.Started.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Links(StringBuilder html, FrontPageModel page)
    {
        html.Append("<section id=\"links\">\n<h2>Links</h2>\n<ul class=\"links\">\n");
        Link(html, $"/{SimApiHosting.DocsPath}", "Control API docs", "the /sim API, browsable (Swagger UI)");
        Link(html, SimApiHosting.DocumentUrl, "OpenAPI document", "the control API's description");
        Link(html, "/metrics", "Metrics", "Prometheus text: pbx_* and Orleans meters");
        Link(html, "/health/ready", "Readiness", "200 while the silo is active and a grain call answers");
        Link(html, "/health/live", "Liveness", "200 while the process runs");
        Link(html, "/health/startup", "Start-up", "200 once the scenarios are loaded");
        if (page.Dashboard.Served)
        {
            Link(html, $"{DashboardHosting.Path}/", "Orleans Dashboard", "grains, silos, method calls (administrator only when keys are configured)");
        }
        else
        {
            html.Append("<li>Orleans Dashboard: off in this process; <code>").Append(Encoder.Encode(DashboardHosting.EnabledKey))
                .Append("=true</code> turns it on (on by default in Development).</li>\n");
        }

        html.Append("</ul>\n</section>\n");
    }

    private static void Examples(StringBuilder html, FrontPageModel page)
    {
        html.Append("<section id=\"surfaces\">\n<h2>Vendor surfaces</h2>\n")
            .Append("<p class=\"note\">Example requests of each surface's manual, for the tenants of the shipped scenarios (<code>scenarios/</code>: ")
            .Append("<code>default</code>, <code>demo</code>, <code>voipsun</code>). Reads only; no link carries a credential.</p>\n")
            .Append("<table>\n<thead><tr><th>Surface</th><th>Request</th><th></th></tr></thead>\n<tbody>\n");
        foreach (var example in SurfaceExamples.All)
        {
            var url = Encoder.Encode(example.Url);
            html.Append("<tr><td>").Append(Encoder.Encode(example.Surface)).Append("</td><td><a class=\"example\" href=\"").Append(url).Append("\">")
                .Append(url).Append("</a></td><td class=\"note\">").Append(Encoder.Encode(example.Note)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n<p class=\"note\">");
        foreach (var socket in page.Sockets.Where(s => s.Port is not null))
        {
            html.Append(Encoder.Encode(socket.Name)).Append(": <code>nc ").Append(Encoder.Encode(page.RequestHost)).Append(' ')
                .Append(socket.Port!.Value.ToString(CultureInfo.InvariantCulture)).Append("</code>. ");
        }

        html.Append("</p>\n<p class=\"note\">Manuals: ");
        html.AppendJoin(" · ", SurfaceExamples.Manuals.Select(m => $"{Encoder.Encode(m.Surface)} <code>{Encoder.Encode(m.Manual)}</code>"));
        html.Append("</p>\n</section>\n");
    }

    private static void Fact(StringBuilder html, string name, string value, string? id)
    {
        html.Append("<div>").Append(Encoder.Encode(name)).Append("</div><div");
        if (id is not null)
        {
            html.Append(" id=\"").Append(id).Append('"');
        }

        html.Append('>').Append(Encoder.Encode(value)).Append("</div>\n");
    }

    private static void Link(StringBuilder html, string href, string text, string note) =>
        html.Append("<li><a href=\"").Append(Encoder.Encode(href)).Append("\">").Append(Encoder.Encode(text)).Append("</a> <code>")
            .Append(Encoder.Encode(href)).Append("</code> <span class=\"note\">").Append(Encoder.Encode(note)).Append("</span></li>\n");
}
