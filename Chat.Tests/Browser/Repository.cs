namespace Chat.Tests.Browser;

/// <summary>Places in the checkout the tests run from, found from the test binaries upwards.</summary>
public static class Repository
{
    /// <summary>The folder holding Chat.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Where the widget's built files land, and what the browser fixture's node serves as its web root.</summary>
    public static string WebRoot => Path.Combine(Root, "Chat.Api", "wwwroot");

    /// <summary>Files the tests leave for people to look at (TestResults is what test.sh collects).</summary>
    public static string TestResults => Path.Combine(Root, "TestResults");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Chat.sln"))) return folder.FullName;
        throw new InvalidOperationException($"No Chat.sln above {AppContext.BaseDirectory}.");
    }
}
