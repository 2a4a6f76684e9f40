using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace Aegis.Domain.Scenarios;

/// <summary>
/// Checks on the raw text of a scenario spec, shared by <see cref="ScenarioSpecReader"/> and the
/// console that uploads spec files. Specs are bounded (<see cref="ScenarioSpecReader.MaxSpecBytes"/>)
/// because they are stored with the scenario and re-read on every activation, and must be real UTF-8:
/// a replacement character means an earlier step already lost part of the text.
/// Each problem is a short phrase, without a subject, for the caller to prefix.
/// </summary>
public static class ScenarioSpecText
{
    private static readonly byte[] Utf8ByteOrderMark = [0xEF, 0xBB, 0xBF];

    /// <summary><c>spec is N bytes, the limit is 65536</c>, or null when <paramref name="byteCount"/> is within the limit.</summary>
    public static string? SizeProblem(long byteCount) =>
        byteCount > ScenarioSpecReader.MaxSpecBytes ? $"spec is {byteCount} bytes, the limit is {ScenarioSpecReader.MaxSpecBytes}" : null;

    /// <summary>
    /// Checks the size, then decodes strictly: any byte sequence that is not UTF-8 is refused rather
    /// than replaced. A leading byte order mark is dropped.
    /// </summary>
    public static bool TryDecodeUtf8(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out string? text, [NotNullWhen(false)] out string? problem)
    {
        text = null;
        problem = SizeProblem(utf8.Length);
        if (problem is not null)
        {
            return false;
        }

        if (utf8.StartsWith(Utf8ByteOrderMark))
        {
            utf8 = utf8[Utf8ByteOrderMark.Length..];
        }

        if (!Utf8.IsValid(utf8))
        {
            var offset = FirstInvalidByte(utf8);
            var line = utf8[..offset].Count((byte)'\n') + 1;
            problem = $"not valid UTF-8: byte 0x{utf8[offset]:X2} at line {line} (byte offset {offset}); save the file as UTF-8";
            return false;
        }

        text = Encoding.UTF8.GetString(utf8);
        problem = TextProblem(text);
        return problem is null;
    }

    /// <summary>
    /// A problem with already decoded text: a U+FFFD replacement character (left by a lossy decoding
    /// somewhere upstream) or an unpaired UTF-16 surrogate (which no UTF-8 can encode); null when clean.
    /// </summary>
    public static string? TextProblem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"not valid UTF-8: unpaired surrogate U+{(int)c:X4} at {Position(text, i)}";
            }
            else if (c == '\uFFFD')
            {
                return $"not valid UTF-8: replacement character U+FFFD at {Position(text, i)} (the text was decoded from another encoding)";
            }
        }

        return null;
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> utf8)
    {
        var offset = 0;
        while (Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            offset += consumed;
        }

        return offset;
    }

    private static string Position(string text, int index)
    {
        var before = text.AsSpan(0, index);
        var lineStart = before.LastIndexOf('\n') + 1;
        var line = before.Count('\n') + 1;
        return $"line {line}, column {index - lineStart + 1}";
    }
}
