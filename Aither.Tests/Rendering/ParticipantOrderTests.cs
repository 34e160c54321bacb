using System.Globalization;
using Aither.Service.Hemera;
using Aither.Service.Rendering;
using Aither.Tests.Infrastructure;
using static Aither.Tests.Infrastructure.TestCourses;

namespace Aither.Tests.Rendering;

public sealed class ParticipantOrderTests
{
    private static readonly StringComparer GermanNames = StringComparer.Create(CultureInfo.GetCultureInfo("de-DE"), ignoreCase: false);

    // Besides the varied course's names: characters collation ignores or treats specially, alone and inside names.
    private static readonly string[] Names =
        [.. VariedCourses.TrickyNames, "\u00AD", "\u200B", "\0", "a\0", "\uFFFD", "\uD800", "\uDC00x", "Ä\u200B", "\t", "\n"];

    [Fact]
    public void Sort_AnyTwoTrickyNames_OrderedAsTheGermanComparerOrdersThem()
    {
        foreach (var a in Names)
        {
            foreach (var b in Names)
            {
                var withA = Participant(a, participationId: "p2", userId: "u2");
                var withB = Participant(b, participationId: "p1", userId: "u1");
                // Names equal under the culture fall through to the participation id, where p1 comes first.
                var expectedFirst = GermanNames.Compare(a, b) < 0 ? withA : withB;

                var sorted = ParticipantOrder.Sort([withA, withB]);

                Assert.True(ReferenceEquals(expectedFirst, sorted[0]), $"\"{a}\" and \"{b}\" are out of German order.");
            }
        }
    }

    [Fact]
    public void Sort_AnyInputOrder_SameAsComparingEveryKeyWithTheCultureComparer()
    {
        var participants = VariedCourses.Course(600).Participants
            .Concat(
            [
                Participant("Anna", participationId: "p", userId: "u", intent: "erste"),
                Participant("Anna", participationId: "p", userId: "u", intent: "zweite"),
                Participant(null, participationId: null, userId: "u"),
            ])
            .ToArray();
        var shuffled = participants.ToArray();
        new Random(7).Shuffle(shuffled);

        foreach (var input in new[] { participants, participants.Reverse().ToArray(), shuffled })
        {
            var expected = CultureComparerOrder(input);

            var actual = ParticipantOrder.Sort(input);

            Assert.Equal(expected.Length, actual.Count);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.True(ReferenceEquals(expected[i], actual[i]), $"Participant {i} differs from the reference order.");
            }
        }
    }

    [Fact]
    public void OrderedCourse_SourceListChangedLater_KeepsTheOrderedCopy()
    {
        Participant[] participants = [Participant("Zoe", userId: "u1"), Participant("Anna", userId: "u2")];
        var ordered = new OrderedCourse(Course(participants: participants));

        participants[0] = Participant("Bernd", userId: "u3");

        Assert.Equal(["Anna", "Zoe"], ordered.Participants.Select(p => p.Name));
    }

    /// <summary>The order as first written: a stable sort that asks the culture comparer on every comparison.</summary>
    private static Participant[] CultureComparerOrder(IEnumerable<Participant> participants) =>
        participants
            .OrderBy(p => p.Name is null)
            .ThenBy(p => p.Name, GermanNames)
            .ThenBy(p => p.ParticipationId is null)
            .ThenBy(p => p.ParticipationId, StringComparer.Ordinal)
            .ThenBy(p => p.UserId, StringComparer.Ordinal)
            .ThenBy(p => p.BookingId, StringComparer.Ordinal)
            .ToArray();
}
