using Microsoft.Extensions.FileProviders;

namespace Mesh.Gateway.WebPage;

/// <summary>
/// The attention web page, embedded in the gateway's assembly so that <c>/</c> serves it wherever the gateway runs
/// (no content root to find). Static files run before authentication: the page loads without a key, and its calls to
/// the JSON routes still carry one when keys are on.
/// </summary>
public static class WebPageFiles
{
    /// <summary>Serves <c>index.html</c> at <c>/</c> and the page's other files by name.</summary>
    public static WebApplication UseWebPage(this WebApplication app)
    {
        var files = new EmbeddedFileProvider(typeof(WebPageFiles).Assembly, "Mesh.Gateway.WebPage.wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        return app;
    }
}
