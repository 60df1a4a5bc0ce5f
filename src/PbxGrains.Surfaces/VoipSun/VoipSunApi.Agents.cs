using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.VoipSun;

public static partial class VoipSunApi
{
    private static readonly LineRefusals AgentLoginLine = new(
        (501, VoipSunErrors.AgentLoginSourceConflict), (502, VoipSunErrors.DialplanMissing), (503, VoipSunErrors.ExtensionNotFound), (504, VoipSunErrors.DialplanNotFound));
    /// <summary>agentlogin: logs the agent in at the chosen line (from wherever it was logged in before).</summary>
    private static async Task<VoipSunAnswer> AgentLoginAsync(VoipSunRequest request)
    {
        if (!request.Has("agentNumber") || !request.Has("agentPin"))
        {
            return Missing();
        }

        var (outcome, line) = VoipSunLines.Find(request, "src", "dialplanName");
        if (outcome == LineLookup.NoSelector)
        {
            return Missing();
        }

        // Two selectors are refused before the agent is looked for; a line not found, after.
        if (outcome == LineLookup.Conflict)
        {
            return AgentLoginLine.For(outcome)!;
        }

        if (await AgentAsync(request) is not { } agent)
        {
            return VoipSunAnswer.Error(500, VoipSunErrors.AgentNotFound);
        }

        if (AgentLoginLine.For(outcome) is { } refused)
        {
            return refused;
        }

        if (agent.Extension == line!.Number)
        {
            return VoipSunAnswer.Success();
        }

        var grain = request.Pbx.Agent(request.Tenant, agent.Config.Id);
        if (agent.LoggedIn)
        {
            await grain.LogoutAsync();
        }

        var result = await grain.LoginAsync(line.Number, request["agentPin"]);
        return result.Error switch
        {
            DomainError.None or DomainError.AgentAlreadyLoggedIn => VoipSunAnswer.Success(),
            DomainError.ExtensionNotFound => VoipSunAnswer.Error(503, VoipSunErrors.ExtensionNotFound),
            _ => VoipSunAnswer.Error(500, VoipSunErrors.AgentNotFound),
        };
    }

    /// <summary>agentlogout: an agent that is not logged in is logged out already.</summary>
    private static async Task<VoipSunAnswer> AgentLogoutAsync(VoipSunRequest request)
    {
        if (!request.Has("agentNumber") || !request.Has("agentPin"))
        {
            return Missing();
        }

        if (await AgentAsync(request) is not { } agent)
        {
            return VoipSunAnswer.Error(550, VoipSunErrors.AgentNotFound);
        }

        if (agent.LoggedIn)
        {
            await request.Pbx.Agent(request.Tenant, agent.Config.Id).LogoutAsync();
        }

        return VoipSunAnswer.Success();
    }

    /// <summary>
    /// agentpause/agentunpause: pauses the agent in all its queues (or ends the pause). Pausing an agent that is not
    /// logged in changes nothing (it is in no queue), as QueuePause on no member does; the answer is still a success.
    /// </summary>
    private static async Task<VoipSunAnswer> AgentPauseAsync(VoipSunRequest request, bool paused, int notFound)
    {
        if (!request.Has("agentNumber") || !request.Has("agentPin"))
        {
            return Missing();
        }

        if (await AgentAsync(request) is not { } agent)
        {
            return VoipSunAnswer.Error(notFound, VoipSunErrors.AgentNotFound);
        }

        if (agent.LoggedIn)
        {
            await request.Pbx.Agent(request.Tenant, agent.Config.Id).PauseAsync(paused, paused ? "api" : "");
        }

        return VoipSunAnswer.Success();
    }

    /// <summary>agentadd: the agent joins the queue with <c>penalty</c> (0 when absent or unreadable); again, it takes the new penalty.</summary>
    private static async Task<VoipSunAnswer> AgentAddAsync(VoipSunRequest request)
    {
        var (refused, queue, agent) = await QueueAndAgentAsync(request, queueNotFound: 600);
        if (refused is not null)
        {
            return refused;
        }

        var penalty = int.TryParse(request["penalty"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var given) ? given : 0;
        var grain = request.Pbx.Agent(request.Tenant, agent!.Config.Id);
        if (agent.Config.Queues.Any(q => q.Queue == queue))
        {
            if (agent.Config.Queues.First(q => q.Queue == queue).Penalty == penalty)
            {
                return VoipSunAnswer.Success();
            }

            await grain.RemoveFromQueueAsync(queue);
        }

        var result = await grain.AddToQueueAsync(queue, penalty);
        return result.Error == DomainError.QueueNotFound ? VoipSunAnswer.Error(600, VoipSunErrors.QueueNotFound(queue)) : VoipSunAnswer.Success();
    }

    /// <summary>agentremove: the agent leaves the queue; an agent not in it has left already.</summary>
    private static async Task<VoipSunAnswer> AgentRemoveAsync(VoipSunRequest request)
    {
        var (refused, queue, agent) = await QueueAndAgentAsync(request, queueNotFound: 610);
        if (refused is not null)
        {
            return refused;
        }

        await request.Pbx.Agent(request.Tenant, agent!.Config.Id).RemoveFromQueueAsync(queue);
        return VoipSunAnswer.Success();
    }

    /// <summary>
    /// agentadd's and agentremove's checks, in the script's order: the parameters, the queue (<paramref name="queueNotFound"/>),
    /// then the agent and its PIN (the next code). The refusal, or the queue and the agent.
    /// </summary>
    private static async Task<(VoipSunAnswer? Refused, string Queue, AgentView? Agent)> QueueAndAgentAsync(VoipSunRequest request, int queueNotFound)
    {
        if (!request.Has("agentNumber") || !request.Has("agentPin") || !request.Has("queueName"))
        {
            return (Missing(), "", null);
        }

        var queue = request["queueName"];
        if (!(await request.Pbx.Queue(request.Tenant, queue).GetSnapshotAsync()).Exists)
        {
            return (VoipSunAnswer.Error(queueNotFound, VoipSunErrors.QueueNotFound(queue)), queue, null);
        }

        return await AgentAsync(request) is { } agent
            ? (null, queue, agent)
            : (VoipSunAnswer.Error(queueNotFound + 1, VoipSunErrors.AgentNotFound), queue, null);
    }

    /// <summary>
    /// agentstatus: whether the agent is logged in and, if so, the state of its line, as the document's reason texts.
    /// With <c>checkExten</c> (as originate's check), a line that is not free is answered as an error instead:
    /// 630 unreachable (the line no longer exists), 631 unavailable (not registered), 632 in use, 633 ringing,
    /// 634 on hold, 635 not free, 636 busy.
    /// </summary>
    private static async Task<VoipSunAnswer> AgentStatusAsync(VoipSunRequest request)
    {
        if (!request.Has("agentNumber") || !request.Has("agentPin"))
        {
            return Missing();
        }

        if (await AgentAsync(request) is not { } agent)
        {
            return VoipSunAnswer.Error(620, VoipSunErrors.AgentNotFound);
        }

        var number = agent.Config.Id;
        if (agent.Extension is not { } extension)
        {
            return Reason($"Agent {number} is logged out.");
        }

        var line = await request.Pbx.Extension(request.Tenant, extension).GetAsync();
        var state = line.Exists ? line.DeviceState : DeviceState.Invalid;
        if (request.Has("checkExten") && LineError(state) is { } error)
        {
            return VoipSunAnswer.Error(error.Code, error.Reason);
        }

        return Reason($"Agent {number} is logged in. {LineText(state)}");
    }

    private static VoipSunAnswer Reason(string reason) =>
        VoipSunAnswer.Php(new System.Text.Json.Nodes.JsonObject { ["success"] = "true", ["reason"] = reason });

    /// <summary>A line's state in the document's words (queuestatus' channelStatus too).</summary>
    public static string LineText(DeviceState state) => state switch
    {
        DeviceState.NotInUse => VoipSunErrors.LineFree,
        DeviceState.InUse => VoipSunErrors.LineInUse,
        DeviceState.Busy => VoipSunErrors.LineBusy,
        DeviceState.Unavailable or DeviceState.Invalid => VoipSunErrors.LineUnavailable,
        DeviceState.Ringing => VoipSunErrors.LineRinging,
        DeviceState.OnHold => VoipSunErrors.LineOnHold,
        _ => VoipSunErrors.LineNotFree,
    };

    /// <summary>agentstatus' error for a line that is not free; null for a free one.</summary>
    public static (int Code, string Reason)? LineError(DeviceState state) => state switch
    {
        DeviceState.NotInUse => null,
        DeviceState.Invalid => (630, VoipSunErrors.ChannelUnreachable),
        DeviceState.Unavailable => (631, "Line is unavailable'"),
        DeviceState.InUse => (632, "Line is In use"),
        DeviceState.Ringing => (633, "Line is ringing"),
        DeviceState.OnHold => (634, "Line in On hold"),
        DeviceState.Busy => (636, "Line is busy"),
        _ => (635, "Line is not free"),
    };

    /// <summary>The agent named by <c>agentNumber</c> when <c>agentPin</c> is its PIN; null otherwise (the document does not tell the two apart).</summary>
    private static async Task<AgentView?> AgentAsync(VoipSunRequest request)
    {
        var number = request["agentNumber"];
        if (number.Contains('/') || number.Contains(' '))
        {
            return null;
        }

        var agent = await request.Pbx.Agent(request.Tenant, number).GetAsync();
        return agent is not null && agent.Config.Pin.Length > 0 &&
            System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(agent.Config.Pin), System.Text.Encoding.UTF8.GetBytes(request["agentPin"]))
            ? agent
            : null;
    }
}
