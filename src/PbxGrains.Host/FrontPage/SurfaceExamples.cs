namespace PbxGrains.Host.FrontPage;

/// <summary>
/// One example request of a vendor surface, as its manual (<c>src/PbxGrains.Surfaces/{Vendor}/README.md</c>) gives it,
/// for a tenant the shipped scenarios load. <see cref="Path"/> is below the <c>/t/{tenant}</c> prefix.
/// </summary>
public sealed record class SurfaceExample(string Surface, string Tenant, string Path, string Note)
{
    public string Url => $"/t/{Tenant}/{Path}";
}

/// <summary>
/// The surfaces' example requests the front page links to. Only reads: a link a browser follows (or prefetches) must
/// not place a call. None carries a credential (the page never shows a tenant's secrets): where a surface needs one,
/// the note says which, and the link shows the surface's own refusal.
/// </summary>
public static class SurfaceExamples
{
    public static readonly IReadOnlyList<SurfaceExample> All =
    [
        new("Taridium IPPS", "default", "ipps/queueactive.php?queue_name=MC&res_cc=1", "queue MC's calls; the default tenant needs no login"),
        new("Taridium IPPS", "default", "ipps/channelinfo.php?channel=SIP/4003,SIP/5011", "two phones' channels"),
        new("Taridium IPPS", "demo", "ipps/queueactive.php?queue_name=MC&res_cc=1", "the demo tenant asks for its IPPS user (HTTP Basic)"),
        new("Escaux Fusion SOP", "demo", "xml/ccGetChannels", "every live channel (no authentication, as in the document)"),
        new("Escaux Fusion SOP", "demo", "xml/dbGetQueueInfo.php", "the queues"),
        new("Escaux Fusion SOP", "demo", "xml/dbGetCallflow.json?ext=102", "extension 102's call flow, as JSON"),
        new("Escaux Fusion SOP", "demo", "xml/ccPing.json", "ping"),
        new("VoIPSUN", "voipsun", "api/api.php?action=listcalls", "needs the tenant's API user (username, password); without them the link shows VoIPSUN's own refusal"),
        new("Issabel pbxapi", "demo", "pbxapi/extensions/1002", "needs a token from POST /pbxapi/authenticate (user, password)"),
        new("VoipCenter", "demo", "api/get.php?m=sipacc&id=0", "needs a signed query (apiID, knummer, pwd, ts, pass): see its manual"),
    ];

    /// <summary>Where each surface's manual is, relative to the repository root (the host serves no files of it).</summary>
    public static readonly IReadOnlyList<(string Surface, string Manual)> Manuals =
    [
        ("Taridium IPPS", "src/PbxGrains.Surfaces/Taridium/README.md"),
        ("Escaux Fusion SOP and event socket", "src/PbxGrains.Surfaces/Escaux/README.md"),
        ("VoIPSUN", "src/PbxGrains.Surfaces/VoipSun/README.md"),
        ("Issabel pbxapi", "src/PbxGrains.Surfaces/Issabel/README.md"),
        ("VoipCenter", "src/PbxGrains.Surfaces/VoipCenter/README.md"),
        ("Asterisk Manager Interface (AMI)", "src/PbxGrains.Surfaces/Ami/README.md"),
    ];
}
