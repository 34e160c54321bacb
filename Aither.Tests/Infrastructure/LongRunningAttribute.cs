namespace Aither.Tests.Infrastructure;

/// <summary>
/// Marks a test class or collection definition whose tests take many seconds together (service processes, builds,
/// the browser, PostgreSQL). <see cref="LongRunningFirstOrderer"/> starts these collections before the others.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LongRunningAttribute : Attribute;
