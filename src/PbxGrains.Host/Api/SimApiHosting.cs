using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using PbxGrains.Client;
using PbxGrains.Client.Events;
using PbxGrains.Host.Api.Events;
using PbxGrains.Host.Hosting;

namespace PbxGrains.Host.Api;

/// <summary>What the control API needs around it: JSON conventions, problem details, bad-request handling, OpenAPI.</summary>
public static class SimApiHosting
{
    public const string DocumentUrl = "/openapi/v1.json";
    public const string DocsPath = "sim/docs";

    public static IServiceCollection AddSimApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;

            // A body without a required field is a 400 that names it, not a null deep inside the call model.
            json.SerializerOptions.RespectNullableAnnotations = true;
            json.SerializerOptions.RespectRequiredConstructorParameters = true;
        });

        // Binding failures (malformed JSON, a missing query parameter) throw, so BadRequestExceptionHandler can say why.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        // Real time: how long this process believes a tenant exists is not simulated time.
        services.AddSingleton(sp => new KnownTenants(sp.GetRequiredService<PbxClient>(), TimeProvider.System, sp.GetRequiredService<ILogger<KnownTenants>>()));
        // The tenants' event streams ride on the process's call-event feed (the AMI and Escaux sockets share it).
        services.AddCallEventFeed();
        services.AddSingleton<TenantEventStreams>();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<CallModelUnavailableExceptionHandler>();

        services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "PbxGrains control API";
            document.Info.Description =
                "The simulator's own API: tenants from scenario documents, live state, and the actions a test drives on phones, " +
                "channels and agents. Errors are RFC 7807 problems with an 'error' extension naming the domain error.";
            return Task.CompletedTask;
        }));
        return services;
    }

    public static WebApplication UseSimApiDocs(this WebApplication app)
    {
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = DocsPath;
            ui.SwaggerEndpoint(DocumentUrl, "PbxGrains control API");
            ui.DocumentTitle = "PbxGrains control API";
        });
        return app;
    }
}
