namespace Aither.Tests.Infrastructure;

public static class TestTimeouts
{
    /// <summary>A guard against hanging tests, not a wait: every awaited condition should be met long before.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    public static Task<T> Guarded<T>(this Task<T> task) => task.WaitAsync(Guard);

    public static Task Guarded(this Task task) => task.WaitAsync(Guard);
}
