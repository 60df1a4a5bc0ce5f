using System.Collections.Frozen;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace PbxGrains.Surfaces.Ami;

/// <summary>
/// The manager actions: each one's name, the permission class it needs (Asterisk's registration of it) and its
/// handler. <see cref="DispatchAsync"/> applies Asterisk's rules before any handler runs: an action is required, only
/// Login, Challenge and Logoff before login, the write class checked, and an unknown action answered with
/// Asterisk's text.
/// </summary>
public static partial class AmiActions
{
    private static readonly FrozenDictionary<string, AmiAction> Table = new AmiAction[]
    {
        new("Login", AmiPermission.None, LoginAsync),
        new("Challenge", AmiPermission.None, Challenge),
        new("Logoff", AmiPermission.None, Logoff),
        new("Ping", AmiPermission.None, Ping),
        new("Events", AmiPermission.None, Events),
        new("Filter", AmiPermission.System, Filter),
        new("UserEvent", AmiPermission.User, UserEvent),
        new("Command", AmiPermission.Command, CommandAsync),
        new("Originate", AmiPermission.Originate, OriginateAsync),
        new("Hangup", AmiPermission.System | AmiPermission.Call, HangupAsync),
        new("Redirect", AmiPermission.Call, RedirectAsync),
        new("BlindTransfer", AmiPermission.Call, BlindTransferAsync),
        new("Atxfer", AmiPermission.Call, Atxfer),
        new("Park", AmiPermission.Call, ParkAsync),
        new("Bridge", AmiPermission.Call, Bridge),
        new("Getvar", AmiPermission.Call | AmiPermission.Reporting, GetvarAsync),
        new("Setvar", AmiPermission.Call, SetvarAsync),
        new("Status", AmiPermission.System | AmiPermission.Call | AmiPermission.Reporting, StatusAsync),
        new("CoreShowChannels", AmiPermission.System | AmiPermission.Reporting, CoreShowChannelsAsync),
        new("QueueStatus", AmiPermission.None, QueueStatusAsync),
        new("QueueSummary", AmiPermission.None, QueueSummaryAsync),
        new("QueueAdd", AmiPermission.Agent, QueueAddAsync),
        new("QueueRemove", AmiPermission.Agent, QueueRemoveAsync),
        new("QueuePause", AmiPermission.Agent, QueuePauseAsync),
        new("QueuePenalty", AmiPermission.Agent, QueuePenaltyAsync),
        new("ExtensionState", AmiPermission.Call | AmiPermission.Reporting, ExtensionStateAsync),
        new("SIPpeers", AmiPermission.System | AmiPermission.Reporting, SipPeersAsync),
        new("PJSIPShowEndpoints", AmiPermission.System, PjsipShowEndpointsAsync),
        new("DBGet", AmiPermission.System | AmiPermission.Reporting, DbGetAsync),
        new("DBPut", AmiPermission.System, DbPutAsync),
        new("DBDel", AmiPermission.System, DbDelAsync),
        new("DBDelTree", AmiPermission.System, DbDelTreeAsync),
    }.ToFrozenDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);

    private static readonly TimeSpan FailedLoginDelay = TimeSpan.FromSeconds(1);

    /// <summary>The names of the actions served, as Asterisk spells them.</summary>
    public static IEnumerable<string> Names => Table.Values.Select(a => a.Name);

    /// <summary>Answers one packet, as Asterisk's <c>process_message</c> does.</summary>
    public static async Task DispatchAsync(AmiConnection connection, AmiMessage message)
    {
        var request = new AmiRequest(connection, message);
        var action = message.All("Action").FirstOrDefault(a => a.Trim().Length > 0)?.Trim() ?? "";
        Table.TryGetValue(action, out var found);
        if (action.Length == 0)
        {
            request.Error("Missing action in request");
        }
        else if (!connection.Session.Authenticated && found?.Name is not ("Login" or "Logoff" or "Challenge"))
        {
            request.Error("Permission denied");
        }
        else if (found is null)
        {
            request.Error($"Invalid/unknown command: {action}. Use Action: ListCommands to show available commands.");
        }
        else if (!connection.Session.MayWrite(found.Authority))
        {
            request.Error("Permission denied");
        }
        else
        {
            try
            {
                if (found.Name is "Login" or "Challenge" or "Logoff" || !await AmiFaults.InjectAsync(request, found.Name))
                {
                    await found.Handle(request);
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The call model could not be reached (a silo went away): the client gets an answer, not silence.
                connection.Services.Logger.LogWarning(error, "Manager action {Action} of {Peer} failed", found.Name, connection.Peer);
                request.Error("Internal error");
            }
        }

        connection.Services.Metrics.Action(found?.Name ?? "unknown", request.Outcome);
    }

    private static async Task LoginAsync(AmiRequest r)
    {
        if (r.Session.Authenticated)
        {
            r.Success("Already authenticated");
            return;
        }

        var m = r.Message;
        var login = r.Services.Tenants.Split(m["Username"]);
        var user = login is { } l && l.User.Length > 0 ? await r.Services.Tenants.FindUserAsync(l.Tenant, l.User) : null;
        if (user is null || !Authenticates(user, m, r.Session.Challenge))
        {
            r.Services.Logger.LogInformation("{Peer} failed to authenticate as '{User}'", r.Connection.Peer, m["Username"]);

            // Asterisk answers a failed login after a second, which slows a guesser down; awaited, not slept.
            await Task.Delay(FailedLoginDelay, r.Connection.Stopping);
            r.Error("Authentication failed");
            r.Connection.CloseAfterAnswer();
            return;
        }

        var tenant = login!.Value.Tenant;
        if (r.Services.Streams.SessionsOf(tenant) >= r.Services.Options.MaxSessionsPerTenant)
        {
            r.Services.Logger.LogWarning("Manager login of {User}@{Tenant} from {Peer} refused: the tenant has {Max} sessions", user.Name, tenant, r.Connection.Peer, r.Services.Options.MaxSessionsPerTenant);
            r.Error("Too many sessions for this tenant");
            r.Connection.CloseAfterAnswer();
            return;
        }

        // Joined before the answer, so every event after "Authentication accepted" reaches the client: one that asks
        // for a call as soon as it reads the answer sees the call's first event.
        await r.Connection.FollowEventsAsync(tenant);
        var uptime = (long)(DateTimeOffset.UtcNow - r.Services.Started).TotalSeconds;
        r.Connection.LoggedIn(tenant, user, AmiPermissions.ParseMask(m["Events"]), r.Start().Add("Message", "Authentication accepted"),
            AmiPacket.Event("FullyBooted", AmiPermission.System).Add("Uptime", uptime).Add("LastReload", uptime).Add("Status", "Fully Booted"));
    }

    /// <summary>Asterisk's <c>authenticate</c>: the MD5 of challenge and secret, or the secret itself; compared in constant time.</summary>
    private static bool Authenticates(AmiUser user, AmiMessage m, string? challenge)
    {
        if (string.Equals(m["AuthType"], "MD5", StringComparison.OrdinalIgnoreCase))
        {
            var key = m["Key"];
            if (key.Length == 0 || string.IsNullOrEmpty(challenge))
            {
                return false;
            }

            var expected = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(challenge + user.Secret)));
            return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(key));
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(m["Secret"])), SHA256.HashData(Encoding.UTF8.GetBytes(user.Secret)));
    }

    private static Task Challenge(AmiRequest r)
    {
        if (!string.Equals(r.Message["AuthType"], "MD5", StringComparison.OrdinalIgnoreCase))
        {
            r.Error("Must specify AuthType");
            return Task.CompletedTask;
        }

        // Asterisk's challenge is a random number, kept for the session once made.
        r.Session.Challenge ??= RandomNumberGenerator.GetInt32(int.MaxValue).ToString(CultureInfo.InvariantCulture);
        r.Send(r.Start().Add("Challenge", r.Session.Challenge));
        return Task.CompletedTask;
    }

    private static Task Logoff(AmiRequest r)
    {
        r.Answer("Goodbye", "Thanks for all the fish.");
        r.Connection.CloseAfterAnswer();
        return Task.CompletedTask;
    }

    private static Task Ping(AmiRequest r)
    {
        var now = DateTimeOffset.UtcNow;
        var micros = now.Ticks / 10 % 1_000_000;
        r.Send(r.Start().Add("Ping", "Pong").Add("Timestamp", string.Create(CultureInfo.InvariantCulture, $"{now.ToUnixTimeSeconds()}.{micros:000000}")));
        return Task.CompletedTask;
    }

    /// <summary>Asterisk's <c>action_events</c>: <c>EventMask</c> (the <c>Events</c> header is read too) turns events on, off or to classes.</summary>
    private static Task Events(AmiRequest r)
    {
        var value = r.Message["EventMask"] is { Length: > 0 } given ? given : r.Message["Events"];
        if (AmiPermissions.ParseMask(value) is not { } mask)
        {
            r.Error("Invalid event mask");
            return Task.CompletedTask;
        }

        r.Session.SetEventMask(mask);
        r.Send(r.Start().Add("Events", mask == AmiPermission.None ? "Off" : "On"));
        return Task.CompletedTask;
    }

    private static Task Filter(AmiRequest r)
    {
        if (!string.Equals(r.Message["Operation"], "Add", StringComparison.OrdinalIgnoreCase))
        {
            r.Error("Unknown operation");
        }
        else if (!r.Session.TryAddFilter(r.Message["Filter"]))
        {
            r.Error("Filter did not compile.  Check the syntax of the filter given.");
        }
        else
        {
            r.Success("Success");
        }

        return Task.CompletedTask;
    }

    /// <summary>Every header but Action and UserEvent goes into the event, as Asterisk's <c>action_userevent</c> does.</summary>
    private static Task UserEvent(AmiRequest r)
    {
        var body = r.Message.Headers.Where(h => !h.Key.Equals("Action", StringComparison.OrdinalIgnoreCase) && !h.Key.Equals("UserEvent", StringComparison.OrdinalIgnoreCase));
        var e = AmiEvent.Of("UserEvent", AmiPermission.User, p => p.Add("UserEvent", r.Message["UserEvent"]).Add(body));
        r.Success("Event Sent");
        r.Services.Streams.Publish(r.Tenant, e);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Asterisk 14+'s answer to <c>Command</c>: <c>Message: Command output follows</c> and one <c>Output:</c> header per
    /// line of the CLI's output.
    /// </summary>
    private static async Task CommandAsync(AmiRequest r)
    {
        var command = r.Message["Command"];
        if (command.Length == 0)
        {
            r.Error("No command provided");
            return;
        }

        var output = await AmiCommands.RunAsync(command, r.Tenant, r.Services.Pbx, r.Services.Options);
        var packet = r.Start(output is null ? "Error" : "Success").Add("Message", "Command output follows");
        foreach (var line in output ?? [AmiCommands.NoSuchCommand(command.Trim())])
        {
            packet.Add("Output", line);
        }

        r.Send(packet);
    }

    private sealed record class AmiAction(string Name, AmiPermission Authority, Func<AmiRequest, Task> Handle);
}
