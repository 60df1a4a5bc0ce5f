using System.Globalization;

namespace PbxGrains.Host.Scenarios;

/// <summary>Where a phone registers from when a scenario or a request says only that it is registered.</summary>
public static class RegistrationDefaults
{
    public const string Host = "127.0.0.1";

    public const int Port = 5060;

    public const string UserAgent = "PbxGrains SimPhone";

    public static string Contact(string peer, string host, int port) =>
        string.Create(CultureInfo.InvariantCulture, $"sip:{peer}@{host}:{port}");
}
