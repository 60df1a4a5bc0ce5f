namespace PbxGrains.Host.Hosting;

/// <summary>
/// A silo-only process serves health and metrics and nothing else: the vendor surfaces and the control API belong to
/// the processes that serve the API, so a load balancer that reaches a silo by mistake gets a 404 rather than a
/// second, unscaled API tier.
/// </summary>
public static class RoleEndpoints
{
    private static readonly string[] SiloPaths = ["/health", "/metrics"];

    public static WebApplication UsePbxRole(this WebApplication app)
    {
        if (app.Services.GetRequiredService<PbxDeployment>().ServesApi)
        {
            return app;
        }

        app.Use((context, next) =>
        {
            if (SiloPaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        return app;
    }
}
