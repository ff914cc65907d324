namespace FakeKubeApi;

/// <summary>
/// A parsed <c>labelSelector</c> with kube-apiserver's grammar: comma-separated requirements, all of which must hold —
/// <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k</c>, <c>!k</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>.
/// As in Kubernetes, <c>!=</c> and <c>notin</c> also match objects without the label.
/// </summary>
internal sealed class LabelSelector
{
    private readonly Requirement[] _requirements;

    private LabelSelector(Requirement[] requirements)
    {
        _requirements = requirements;
    }

    private enum Operator
    {
        Exists,
        DoesNotExist,
        Equals,
        NotEquals,
        In,
        NotIn,
    }

    public static LabelSelector Everything { get; } = new([]);

    public static bool TryParse(string? text, out LabelSelector selector, out string? error)
    {
        selector = Everything;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var parser = new Parser(text);
        var requirements = new List<Requirement>();
        do
        {
            if (!parser.TryReadRequirement(out var requirement, out error))
            {
                error = $"unable to parse requirement: {error} in \"{text}\"";
                return false;
            }

            requirements.Add(requirement);
        }
        while (parser.TrySkipComma());

        if (!parser.AtEnd)
        {
            error = $"unable to parse requirement: unexpected '{parser.Rest}' in \"{text}\"";
            return false;
        }

        selector = new LabelSelector([.. requirements]);
        return true;
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        foreach (var r in _requirements)
        {
            var has = labels.TryGetValue(r.Key, out var value);
            var ok = r.Operator switch
            {
                Operator.Exists => has,
                Operator.DoesNotExist => !has,
                Operator.Equals or Operator.In => has && r.Values.Contains(value, StringComparer.Ordinal),
                Operator.NotEquals or Operator.NotIn => !has || !r.Values.Contains(value, StringComparer.Ordinal),
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private sealed record Requirement(string Key, Operator Operator, string[] Values);

    private sealed class Parser(string text)
    {
        private int _position;

        public bool AtEnd
        {
            get
            {
                SkipSpaces();
                return _position >= text.Length;
            }
        }

        public string Rest => text[_position..];

        public bool TrySkipComma()
        {
            SkipSpaces();
            if (_position < text.Length && text[_position] == ',')
            {
                _position++;
                return true;
            }

            return false;
        }

        public bool TryReadRequirement(out Requirement requirement, out string? error)
        {
            requirement = null!;
            SkipSpaces();
            if (TryConsume("!"))
            {
                SkipSpaces();
                var absent = ReadWord();
                requirement = new Requirement(absent, Operator.DoesNotExist, []);
                return Valid(absent, out error);
            }

            var key = ReadWord();
            if (!Valid(key, out error))
            {
                return false;
            }

            SkipSpaces();
            if (_position >= text.Length || text[_position] == ',')
            {
                requirement = new Requirement(key, Operator.Exists, []);
                return true;
            }

            if (TryConsume("==") || TryConsume("="))
            {
                requirement = new Requirement(key, Operator.Equals, [ReadValue()]);
                return true;
            }

            if (TryConsume("!="))
            {
                requirement = new Requirement(key, Operator.NotEquals, [ReadValue()]);
                return true;
            }

            var word = ReadWord();
            var op = word switch
            {
                "in" => Operator.In,
                "notin" => Operator.NotIn,
                _ => (Operator?)null,
            };
            if (op is null)
            {
                error = word.Length == 0 ? $"unexpected '{Rest}' after key '{key}'" : $"unknown operator '{word}'";
                return false;
            }

            SkipSpaces();
            if (!TryConsume("("))
            {
                error = $"expected '(' after '{word}'";
                return false;
            }

            var values = new List<string>();
            do
            {
                values.Add(ReadValue());
                SkipSpaces();
            }
            while (TryConsume(","));

            if (!TryConsume(")"))
            {
                error = "expected ')'";
                return false;
            }

            requirement = new Requirement(key, op.Value, [.. values]);
            return true;
        }

        private static bool Valid(string key, out string? error)
        {
            error = key.Length == 0 ? "empty key" : null;
            return error is null;
        }

        private string ReadWord() => ReadWhile(c => !char.IsWhiteSpace(c) && c is not (',' or '=' or '!' or '(' or ')' or '<' or '>'));

        private string ReadValue()
        {
            SkipSpaces();
            return ReadWhile(c => !char.IsWhiteSpace(c) && c is not (',' or '(' or ')' or '=' or '!'));
        }

        private string ReadWhile(Func<char, bool> accept)
        {
            var start = _position;
            while (_position < text.Length && accept(text[_position]))
            {
                _position++;
            }

            return text[start.._position];
        }

        private bool TryConsume(string token)
        {
            if (string.CompareOrdinal(text, _position, token, 0, token.Length) == 0)
            {
                _position += token.Length;
                return true;
            }

            return false;
        }

        private void SkipSpaces()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }
    }
}
