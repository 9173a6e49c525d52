using System.Runtime.CompilerServices;

namespace KeyBuzz.Integration.Tests.Lab;

/// <summary>
/// The test clients measure write gaps of tens of milliseconds. On a 2-core machine the thread pool
/// starts with 2 threads and adds one about every half second when busy, which alone would show as a
/// gap in the client's acknowledgements; a higher floor keeps the measurement about the system.
/// </summary>
internal static class ThreadPoolFloor
{
    [ModuleInitializer]
    internal static void Raise() => ThreadPool.SetMinThreads(Math.Max(32, Environment.ProcessorCount), Math.Max(32, Environment.ProcessorCount));
}
