using Microsoft.Extensions.Options;
using PbxGrains.Host.Api.Events;
using PbxGrains.Host.Scenarios;
using PbxGrains.Surfaces.Hosting;

namespace PbxGrains.Host.Hosting;

/// <summary>
/// The host's own settings, under one <c>Pbx</c> root: scenarios (<c>Pbx</c>), the clock (<c>Pbx:Clock</c>), the event streams
/// (<c>Pbx:EventStreams</c>) and, in a silo,
/// the recording and CDR stores (<c>Pbx:Recordings</c>, <c>Pbx:Cdrs</c>). Each section is bound with
/// <c>BindConfiguration</c> and checked when the host starts (<c>ValidateOnStart</c>); the same check runs while the
/// host is built, so a bad setting stops the start with its key and reason before anything listens. The cluster's
/// settings keep their own root, <c>Orleans</c>, which Orleans reads too (<see cref="PbxDeployment"/>).
/// </summary>
public static class PbxOptions
{
    public const string Root = "Pbx";

    /// <summary>Registers the host-wide sections; the silo's are registered with the silo (<see cref="OrleansHosting"/>).</summary>
    public static WebApplicationBuilder AddPbxOptions(this WebApplicationBuilder builder)
    {
        builder.AddCheckedOptions<ScenarioOptions>(ScenarioOptions.SectionName, static (_, _) => []);
        builder.AddCheckedOptions(ClockOptions.SectionName, ClockOptions.Check);
        builder.AddCheckedOptions<SurfaceLimitsOptions>(SurfaceLimitsOptions.Section, static (limits, section) =>
            limits.SurfaceRequestBodyBytes > 0 ? [] : [$"{section}:SurfaceRequestBodyBytes must be a positive number of bytes."]);
        builder.AddCheckedOptions<EventStreamOptions>(EventStreamOptions.SectionName, EventStreamOptions.Check);
        return builder;
    }

    /// <summary>
    /// Binds <typeparamref name="T"/> to <paramref name="section"/> (over <paramref name="legacySection"/>, where its keys
    /// were before, so that both work), checks it at start, and returns it checked now for decisions made while the host
    /// is built.
    /// </summary>
    /// <exception cref="HostConfigurationException">A value cannot be read, or <paramref name="problems"/> names one.</exception>
    public static T AddCheckedOptions<T>(
        this WebApplicationBuilder builder, string section, Func<T, string, IEnumerable<string>> problems, string? legacySection = null)
        where T : class, new()
    {
        var options = builder.Services.AddOptions<T>();
        if (legacySection is not null)
        {
            options.BindConfiguration(legacySection);
        }

        options.BindConfiguration(section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<T>>(new CheckedOptions<T>(section, problems));
        return Read(builder.Configuration, section, problems, legacySection);
    }

    /// <summary>A section bound and checked now, for a decision made while the host is built (one registered with <see cref="AddCheckedOptions"/>).</summary>
    /// <exception cref="HostConfigurationException">A value cannot be read, or <paramref name="problems"/> names one.</exception>
    public static T Read<T>(IConfiguration configuration, string section, Func<T, string, IEnumerable<string>> problems, string? legacySection = null)
        where T : class, new()
    {
        var value = new T();
        try
        {
            foreach (var bound in legacySection is null ? [section] : new[] { legacySection, section })
            {
                configuration.GetSection(bound).Bind(value);
            }
        }
        catch (InvalidOperationException error)
        {
            // A number that is no number, for instance: the binder's message names the key.
            throw new HostConfigurationException($"the {section} section cannot be read: {error.Message}");
        }

        return problems(value, section).ToList() is { Count: > 0 } found ? throw new HostConfigurationException(string.Join(" ", found)) : value;
    }

    private sealed class CheckedOptions<T>(string section, Func<T, string, IEnumerable<string>> problems) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            problems(options, section).ToList() is { Count: > 0 } found ? ValidateOptionsResult.Fail(found) : ValidateOptionsResult.Success;
    }
}
