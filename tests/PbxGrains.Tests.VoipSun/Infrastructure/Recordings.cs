using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Tests.VoipSun.Infrastructure;

/// <summary>Calls that leave a recording behind.</summary>
public static class Recordings
{
    /// <summary>
    /// Originates from line 100 (which records its calls) into <paramref name="file"/> (in <paramref name="path"/>),
    /// answers it, waits for the file in the recording store and hangs up; returns the call's unique id (its CDR's).
    /// </summary>
    public static async Task<string> RecordedCallAsync(VoipSunTenantClient tenant, string file, string? path = null)
    {
        var before = (await tenant.Fixture.Pbx.ListCallsAsync(tenant.Tenant)).Select(c => c.CallId).ToHashSet();
        (string, string)[] parameters = path is null
            ? [("srcExtenInternalNum", "100"), ("dstNum", "800123456"), ("monitorFilename", file)]
            : [("srcExtenInternalNum", "100"), ("dstNum", "800123456"), ("monitorFilename", file), ("monitorPath", path)];
        Assert.Equal(VoipSunTenantClient.Success, await tenant.ActionAsync("originate", parameters));
        var call = (await tenant.CallsAsync(c => c.Any(x => !before.Contains(x.CallId)))).Single(c => !before.Contains(c.CallId));
        await tenant.AnswerAsync("100");
        await StoredAsync(tenant, call.CallId);
        Assert.True((await tenant.Fixture.Pbx.HangupAsync(tenant.Tenant, call.Legs[0].Name)).IsOk);
        return call.CallId;
    }

    /// <summary>The call's recordings once the store has them (calls hand them over one way).</summary>
    public static async Task<IReadOnlyList<RecordingFile>> StoredAsync(VoipSunTenantClient tenant, string callId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var files = await tenant.Fixture.Pbx.Recordings(tenant.Tenant).FindByCallAsync(callId);
            if (files.Length > 0 || DateTime.UtcNow > deadline)
            {
                Assert.NotEmpty(files);
                return files;
            }

            await Task.Delay(20);
        }
    }
}
