namespace Aither.Tests.Infrastructure;

/// <summary>
/// Marks a test class or collection definition whose tests take many seconds together (service processes, builds,
/// the browser, PostgreSQL). <see cref="LongRunningFirstOrderer"/> starts these collections before the others,
/// the longest first.
/// </summary>
/// <param name="seconds">About how long the collection runs on the 2-core machine, measured from a full run's trx;
/// only the order of the estimates matters.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LongRunningAttribute(int seconds) : Attribute
{
    public int Seconds { get; } = seconds;
}
