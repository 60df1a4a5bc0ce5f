using PbxGrains.Abstractions.Contracts;
using PbxGrains.Client;
using PbxGrains.Host.Scenarios;

namespace PbxGrains.Tests.Escaux;

/// <summary>The scenario's directory section: merged into the extensions it names, every mistake reported with its path.</summary>
public sealed class DirectoryScenarioTests
{
    private static ScenarioResult Parse(string yaml) => new ScenarioLoader(PbxClock.System).Parse(yaml, ScenarioFormat.Yaml);

    [Fact]
    public void People_and_attached_phones_land_on_their_extensions_including_ones_made_by_a_group()
    {
        var loaded = Parse("""
            tenant: dir
            extensions: [{number: "102", devices: [SDB20001]}]
            extensionGroups: [{from: 2000, to: 2001}]
            directory:
              profiles: [{name: Template-User, class: User, statuses: [Office, {name: Busy, permission: 10}], parameters: [{name: Fwd, scope: admin, options: [a, b]}]}]
              phones:
                - {id: SDX60002, kind: soft, extension: "102"}
                - {id: SVE20001, kind: virtual, extension: "2001"}
                - {id: SDP80002, mac: 000b82800002}
              people:
                - {extension: "2001", login: a@b.c, firstName: A, servers: [{key: "00000001", address: 10.0.0.1}], profile: Template-User, status: Busy, profileParameters: {Fwd: a}}
            """);

        Assert.True(loaded.IsValid, loaded.ErrorText);
        var definition = loaded.Definition!;
        var ext102 = definition.Extensions.Single(e => e.Number == "102");
        Assert.Equal(["SDB20001", "SDX60002"], ext102.DeviceIds);
        var ext2001 = definition.Extensions.Single(e => e.Number == "2001");
        Assert.Equal(["SVE20001"], ext2001.DeviceIds);
        Assert.Equal(("a@b.c", "A", "Template-User", "Busy", "a"), (ext2001.Person!.Login, ext2001.Person.FirstName, ext2001.Profile, ext2001.Status, ext2001.ProfileParameters["Fwd"]));
        Assert.Equal(new ServerKey("00000001", "10.0.0.1"), Assert.Single(ext2001.Person.Servers));
        var profile = Assert.Single(definition.Directory.Profiles);
        Assert.Equal([30, 10], profile.Statuses.Select(s => s.Permission));
        Assert.Equal(ParameterScope.Admin, profile.Parameters[0].Scope);
        Assert.Equal([PhoneKind.Soft, PhoneKind.Virtual, PhoneKind.Desk], definition.Directory.Phones.Select(p => p.Kind));
        Assert.Equal("000B82800002", definition.Directory.Phones[2].Mac);
    }

    [Fact]
    public void Every_directory_mistake_is_reported_with_its_path()
    {
        var loaded = Parse("""
            tenant: dir
            extensions: [{number: "102", devices: [SDB20001]}, {number: "103"}]
            directory:
              profiles: [{name: P, statuses: [A, A]}, {name: P}, {class: X}]
              phones:
                - {id: SDB20001, extension: "103"}
                - {id: SDB20001}
                - {id: SDX1, kind: tablet, mac: xyz, extension: "999"}
              people: [{extension: "999"}, {extension: "102"}, {extension: "102"}, {login: nobody}]
            """);

        Assert.False(loaded.IsValid);
        var errors = loaded.ErrorText;
        foreach (var path in new[]
        {
            "directory.profiles[0].statuses[1].name", "directory.profiles[1].name", "directory.profiles[2].name",
            "directory.phones[0].extension", "directory.phones[1].id", "directory.phones[2].kind", "directory.phones[2].mac",
            "directory.phones[2].extension", "directory.people[0].extension", "directory.people[2].extension", "directory.people[3].extension",
        })
        {
            Assert.Contains(path + ":", errors, StringComparison.Ordinal);
        }
    }
}
