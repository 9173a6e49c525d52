namespace KeyBuzz.Integration.Tests.Lab;

/// <summary>The lab system shared by the tests of the "lab" collection (127.0.3.11-13, /var/tmp/kb-lab-test).</summary>
public sealed class KeyBuzzLab() : LabSystem(
    Environment.GetEnvironmentVariable("KB_TEST_LAB_DIR") is { Length: > 0 } d ? d : "/var/tmp/kb-lab-test",
    "127.0.3."), IAsyncLifetime
{
    public Task InitializeAsync() => StartAsync();

    public Task DisposeAsync() => StopAsync();
}
