namespace Aither.Tests.Infrastructure;

/// <summary>What <see cref="PageLayoutProbe"/> measured.</summary>
public sealed record PageLayout(
    int InnerWidth,
    int ScrollWidth,
    double MinFontPx,
    string MinFontAt,
    string[] OverlappingHeaders,
    string[] SpillingCells,
    string[] NarrowBoxes,
    string[] BrokenWords,
    string[] BrokenHeadingWords,
    string? ParticipantRowDisplay,
    string[] CardLabels,
    int TextNodes);
