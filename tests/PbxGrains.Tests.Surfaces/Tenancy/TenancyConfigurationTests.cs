using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PbxGrains.Host.Hosting;
using PbxGrains.Surfaces.Escaux;
using PbxGrains.Surfaces.Issabel;
using PbxGrains.Surfaces.Taridium;
using PbxGrains.Surfaces.Tenancy;
using PbxGrains.Surfaces.VoipCenter;
using PbxGrains.Surfaces.VoipSun;

namespace PbxGrains.Tests.Surfaces.Tenancy;

/// <summary>Tenancy settings that cannot be right stop the start, each with a message that names the key and says why.</summary>
public sealed class TenancyConfigurationTests
{
    [Theory]
    [InlineData("Pbx:Surfaces:voipsn:DefaultTenant", "voipsun", "Pbx:Surfaces:voipsn names no surface; the surfaces are taridium, voipsun, escaux, issabel, voipcenter.")]
    [InlineData("Pbx:Surfaces:ipps:DefaultTenant", "default", "Pbx:Surfaces:ipps names no surface; the surfaces are taridium, voipsun, escaux, issabel, voipcenter.")]
    [InlineData("Pbx:Surfaces:escaux:DefaultTenant", "no such/tenant", "Pbx:Surfaces:escaux:DefaultTenant must be a tenant id (up to 63 letters, digits, '-' and '_', starting with a letter or digit); it is 'no such/tenant'.")]
    [InlineData("Pbx:Surfaces:escaux:Default", "demo", "Pbx:Surfaces:escaux:Default is not a setting; a surface has only DefaultTenant.")]
    [InlineData("Pbx:Surfaces:escaux", "demo", "Pbx:Surfaces:escaux is a section, not a value ('demo'): set Pbx:Surfaces:escaux:DefaultTenant.")]
    [InlineData("Pbx:DefaultTenant", "", "Pbx:DefaultTenant must be a tenant id (up to 63 letters, digits, '-' and '_', starting with a letter or digit); it is ''.")]
    public void A_bad_setting_stops_the_host_with_its_key_and_reason(string key, string value, string message)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        builder.Services.AddTaridium().AddVoipSun().AddEscaux().AddIssabel().AddVoipCenter();

        Assert.Equal(message, Assert.Throws<HostConfigurationException>(() => builder.AddPbxTenancy()).Message);
    }

    [Fact]
    public void Every_problem_is_named_at_once()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pbx:Surfaces:foo:DefaultTenant"] = "a",
            ["Pbx:Surfaces:bar:DefaultTenant"] = "b",
        }).Build();

        Assert.Equal(2, TenancyConfiguration.Problems(configuration, Surfaces).Count);
    }

    [Fact]
    public void The_shipped_settings_name_a_default_tenant_for_voipsun_escaux_and_issabel_and_have_no_problem()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(HostFolder(), "appsettings.json")).Build();
        Assert.Empty(TenancyConfiguration.Problems(configuration, Surfaces));

        var options = configuration.GetSection(TenancyOptions.SectionName).Get<TenancyOptions>()!;
        Assert.Equal(("voipsun", "demo", "demo", "default", "default"), (
            options.DefaultTenantOf(VoipSunApi.Surface.Name), options.DefaultTenantOf(EscauxApi.Surface.Name), options.DefaultTenantOf(IssabelApi.Surface.Name),
            options.DefaultTenantOf(TaridiumApi.Surface.Name), options.DefaultTenantOf(VoipCenterApi.Surface.Name)));
    }

    [Fact]
    public void A_test_host_that_registers_tenancy_alone_refuses_a_bad_setting_when_it_starts()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Pbx:Surfaces:nope:DefaultTenant"] = "x" }).Build();
        services.AddPbxTenancy(configuration);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TenancyOptions>>().Value);
        Assert.Contains("Pbx:Surfaces:nope names no surface", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The names of the host's surfaces, in the order the host adds them.</summary>
    private static readonly string[] Surfaces =
        [TaridiumApi.Surface.Name, VoipSunApi.Surface.Name, EscauxApi.Surface.Name, IssabelApi.Surface.Name, VoipCenterApi.Surface.Name];

    private static string HostFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PbxGrains.sln")))
            {
                return Path.Combine(folder.FullName, "src", "PbxGrains.Host");
            }
        }

        throw new DirectoryNotFoundException("The repository was not found above the test's output.");
    }
}
