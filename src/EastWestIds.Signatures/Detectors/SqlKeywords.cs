using System.Collections.Frozen;
using System.Text;

namespace EastWestIds.Signatures.Detectors;

/// <summary>
/// The SQL vocabulary the tokenizer classifies words with: keywords of the common dialects (ANSI, MySQL, PostgreSQL,
/// SQL Server, Oracle, SQLite) and the function names injections call. Looked up case-insensitively by span, so a
/// lookup allocates nothing.
/// </summary>
internal static class SqlKeywords
{
    /// <summary>Longer words are never keywords (the longest here is shorter), so they are not looked up.</summary>
    public const int MaxWordLength = 32;

    private static readonly FrozenDictionary<string, SqlKeyword> s_words = Build();
    private static readonly FrozenDictionary<string, SqlKeyword>.AlternateLookup<ReadOnlySpan<char>> s_lookup =
        s_words.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Bits of <see cref="s_table"/>'s size: 1,024 slots for ~330 words, so probes are short.</summary>
    private const int TableBits = 10;

    // The vocabulary by a hash of the word's bytes, open addressing (see LookupInTable).
    private static readonly TableEntry[] s_table = BuildTable();

    // For each lower-cased ASCII byte, bit n is set when some word of the vocabulary of length n starts (ends) with it.
    // A word whose length is not set for both its first and its last byte is no keyword: most words of ordinary text
    // are answered by these two loads, without the copy to chars and the dictionary probe.
    private static readonly ulong[] s_lengthsByFirst = LengthsBy(last: false);
    private static readonly ulong[] s_lengthsByLast = LengthsBy(last: true);

    /// <summary>Classifies an ASCII word (case-insensitive); unknown words are barewords.</summary>
    public static SqlKeyword Lookup(ReadOnlySpan<byte> word)
    {
        if (word.IsEmpty || word.Length > MaxWordLength || (word[0] | word[^1]) >= 0x80
            || ((s_lengthsByFirst[Lower(word[0])] & s_lengthsByLast[Lower(word[^1])]) >> word.Length & 1) == 0)
        {
            return SqlKeyword.Bareword;
        }

        return LookupInTable(word);
    }

    /// <summary>
    /// The word's class from a hash table over bytes: the frozen dictionary's probe needs the word as chars first and
    /// hashes it case-insensitively char by char, which was a quarter of <c>detect_sqli</c>'s time on prose. Agrees
    /// with <see cref="LookupInDictionary"/> (tests).
    /// </summary>
    internal static SqlKeyword LookupInTable(ReadOnlySpan<byte> word)
    {
        if (word.Length > MaxWordLength)
        {
            return SqlKeyword.Bareword;
        }

        for (int slot = Hash(word); ; slot = (slot + 1) & ((1 << TableBits) - 1))
        {
            ref readonly TableEntry entry = ref s_table[slot];
            if (entry.Word is null)
            {
                return SqlKeyword.Bareword;
            }

            // ASCII case-insensitive: a byte from 0x80 on equals no byte of the (ASCII) vocabulary
            if (entry.Word.Length == word.Length && Ascii.EqualsIgnoreCase(word, entry.Word))
            {
                return entry.Keyword;
            }
        }
    }

    /// <summary>A hash of the word with ASCII letters folded (0x20 set on every byte: only the hash mixes cases alike).</summary>
    private static int Hash(ReadOnlySpan<byte> word)
    {
        uint hash = 2166136261u ^ (uint)word.Length;
        foreach (byte b in word)
        {
            hash = (hash ^ (uint)(b | 0x20)) * 16777619u;
        }

        return (int)((hash * 0x9E3779B1u) >> (32 - TableBits));
    }

    private static TableEntry[] BuildTable()
    {
        var table = new TableEntry[1 << TableBits];
        foreach ((string word, SqlKeyword keyword) in s_words)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(word);
            int slot = Hash(bytes);
            while (table[slot].Word is not null)
            {
                slot = (slot + 1) & ((1 << TableBits) - 1);
            }

            table[slot] = new TableEntry(bytes, keyword);
        }

        return table;
    }

    private readonly record struct TableEntry(byte[]? Word, SqlKeyword Keyword);

    /// <summary>The dictionary probe alone, without the length filter or the table (what <see cref="Lookup"/> must always agree with).</summary>
    internal static SqlKeyword LookupInDictionary(ReadOnlySpan<byte> word)
    {
        if (word.Length > MaxWordLength)
        {
            return SqlKeyword.Bareword;
        }

        Span<char> chars = stackalloc char[MaxWordLength];
        for (int i = 0; i < word.Length; i++)
        {
            byte b = word[i];
            if (b >= 0x80)
            {
                return SqlKeyword.Bareword;
            }

            chars[i] = (char)b;
        }

        return s_lookup.TryGetValue(chars[..word.Length], out var keyword) ? keyword : SqlKeyword.Bareword;
    }

    /// <summary>The vocabulary's words (for tests).</summary>
    internal static IEnumerable<string> Words => s_words.Keys;

    private static ulong[] LengthsBy(bool last)
    {
        var lengths = new ulong[128];
        foreach (var word in s_words.Keys)
        {
            lengths[Lower((byte)(last ? word[^1] : word[0]))] |= 1UL << word.Length;
        }

        return lengths;
    }

    private static int Lower(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? b | 0x20 : b;

    private static FrozenDictionary<string, SqlKeyword> Build()
    {
        var words = new Dictionary<string, SqlKeyword>(StringComparer.OrdinalIgnoreCase);

        void Add(SqlTokenType type, string list, bool function = false)
        {
            foreach (var word in list.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                words[word] = new SqlKeyword(type, function, SqlWord.None);
            }
        }

        // statement verbs; several are also MySQL functions (INSERT(), REPLACE())
        Add(SqlTokenType.Expression, "SELECT UPDATE DELETE DROP CREATE ALTER TRUNCATE MERGE RENAME GRANT REVOKE CALL HANDLER UPSERT");
        Add(SqlTokenType.Expression, "INSERT REPLACE", function: true);
        Add(SqlTokenType.Procedural, "EXEC EXECUTE WAITFOR DECLARE SHUTDOWN RAISERROR GOTO");

        // SQL Server's extended and system procedures: nothing else is named like them, so they count as a call
        // even without parentheses (exec xp_cmdshell 'dir')
        Add(SqlTokenType.Function, "OPENROWSET OPENQUERY OPENDATASOURCE XP_CMDSHELL XP_REGREAD XP_REGWRITE XP_DIRTREE XP_FILEEXIST " +
            "XP_SUBDIRS XP_AVAILABLEMEDIA XP_SERVICECONTROL SP_EXECUTESQL SP_OACREATE SP_OAMETHOD SP_PASSWORD SP_CONFIGURE " +
            "SP_MAKEWEBTASK SP_ADDEXTENDEDPROC SP_ADDLOGIN SP_ADDSRVROLEMEMBER");

        // ON is left out (a bareword): it only matters after JOIN, and it is the keyword prose uses most
        Add(SqlTokenType.Keyword, "FROM WHERE INTO VALUES TABLE SET AS JOIN INNER OUTER CROSS NATURAL USING CASE WHEN THEN ELSE END " +
            "BEGIN DATABASE SCHEMA COLUMN INDEX VIEW PROCEDURE TRIGGER DESC ASC TOP OUTFILE DUMPFILE INFILE RETURNING " +
            "PRIMARY FOREIGN REFERENCES OFFSET FETCH ROWS NOWAIT CONSTRAINT DELAY SHOW INFORMATION_SCHEMA SYSOBJECTS SYSCOLUMNS " +
            "MYSQL.USER PG_SHADOW PG_USER SQLITE_MASTER ALL_TABLES USER_TABLES DUAL ANALYSE PROCEDURE_ANALYSE");
        Add(SqlTokenType.Keyword, "IF LEFT RIGHT SCHEMA DATABASE VALUES ANY", function: true);
        Add(SqlTokenType.Group, "HAVING LIMIT");
        Add(SqlTokenType.Logic, "AND OR XOR");
        Add(SqlTokenType.Operator, "NOT IS IN LIKE RLIKE ILIKE REGEXP SIMILAR BETWEEN SOUNDS DIV ESCAPE GLOB AGAINST BINARY");
        Add(SqlTokenType.Operator, "MOD EXISTS MATCH", function: true);
        Add(SqlTokenType.Number, "NULL TRUE FALSE");
        Add(SqlTokenType.Variable, "CURRENT_USER SESSION_USER SYSTEM_USER CURRENT_TIMESTAMP CURRENT_DATE CURRENT_TIME LOCALTIME LOCALTIMESTAMP", function: true);
        Add(SqlTokenType.Collate, "COLLATE");
        Add(SqlTokenType.SqlType, "INT INTEGER BIGINT SMALLINT TINYINT MEDIUMINT VARCHAR NVARCHAR VARCHAR2 NCHAR DECIMAL NUMERIC FLOAT REAL " +
            "DOUBLE DATETIME BOOLEAN BOOL BLOB JSONB REGCLASS OID SIGNED UNSIGNED BYTEA");
        Add(SqlTokenType.SqlType, "CHAR", function: true);

        // functions: barewords unless directly called
        Add(SqlTokenType.Bareword,
            "ABS ASCII BENCHMARK BIN CAST CONVERT CEIL CEILING CHR CHAR_LENGTH CHARACTER_LENGTH CONCAT CONCAT_WS COUNT DB_NAME ELT " +
            "EXTRACTVALUE UPDATEXML FLOOR GROUP_CONCAT STRING_AGG HEX UNHEX IFNULL ISNULL NULLIF COALESCE INSTR LCASE UCASE LOWER UPPER " +
            "LENGTH LEN LOAD_FILE LOCATE POSITION LPAD RPAD LTRIM RTRIM TRIM MAX MIN SUM AVG MD5 SHA SHA1 SHA2 MID SUBSTR SUBSTRING " +
            "SUBSTRING_INDEX NOW SYSDATE ORD PG_SLEEP SLEEP RAND RANDOM REPEAT REVERSE ROUND SPACE STRCMP USER VERSION UNICODE " +
            "CHARINDEX PATINDEX DATALENGTH OBJECT_ID OBJECT_NAME HOST_NAME SUSER_NAME SUSER_SNAME IS_SRVROLEMEMBER IS_MEMBER " +
            "RANDOMBLOB ZEROBLOB LIKELIHOOD UNLIKELY SQLITE_VERSION LOAD_EXTENSION EXP POW POWER SIN COS TAN COT ASIN ACOS ATAN LOG LOG10 LN " +
            "SQRT PI CONV FIELD FIND_IN_SET MAKE_SET EXPORT_SET JSON_EXTRACT JSON_KEYS JSON_ARRAYAGG JSON_OBJECTAGG GTID_SUBSET " +
            "GTID_SUBTRACT NAME_CONST ROW QUOTE_IDENT QUOTE_LITERAL ENCODE DECODE LO_GET LO_IMPORT LO_EXPORT STARTS_WITH " +
            "CURRENT_SETTING SET_CONFIG QUERY_TO_XML DATABASE_TO_XML TABLE_TO_XML XMLTYPE XMLELEMENT TO_CHAR TO_NUMBER NVL GET_LOCK " +
            "RELEASE_LOCK IIF CHOOSE DATE_FORMAT STR_TO_DATE FROM_UNIXTIME UNIX_TIMESTAMP CURDATE CURTIME LAST_INSERT_ID ROW_COUNT " +
            "FOUND_ROWS CONNECTION_ID UUID AES_ENCRYPT AES_DECRYPT DES_ENCRYPT COMPRESS UNCOMPRESS EXTRACT TYPEOF " +
            "DBMS_PIPE DBMS_LOCK DBMS_XMLGEN DBMS_UTILITY UTL_HTTP UTL_INADDR CTXSYS SYS PG_READ_FILE PG_LS_DIR PG_SLEEP_FOR " +
            "CURRENT_DATABASE CURRENT_SCHEMA INET_SERVER_ADDR WAIT_FOR_EXECUTION ST_LATFROMGEOHASH ST_LONGFROMGEOHASH " +
            "POLYGON MULTIPOINT LINESTRING GEOMETRYCOLLECTION EXP HEXTORAW RAWTOHEX BITAND UTL_RAW STUFF QUOTENAME SPACE FN_VIRTUALFILESTATS " +
            "TO_TIMESTAMP TO_DATE ARRAY_AGG ARRAY_TO_STRING XPATH XMLAGG EXTRACTXML MAKE_SET JSON_VALUE JSON_QUERY OPENJSON",
            function: true);

        words["UNION"] = new SqlKeyword(SqlTokenType.Union, false, SqlWord.Union);
        words["INTERSECT"] = new SqlKeyword(SqlTokenType.Union, false, SqlWord.Union);
        words["EXCEPT"] = new SqlKeyword(SqlTokenType.Union, false, SqlWord.Union);
        words["ALL"] = new SqlKeyword(SqlTokenType.Keyword, false, SqlWord.All);
        words["DISTINCT"] = new SqlKeyword(SqlTokenType.Keyword, false, SqlWord.Distinct);
        words["ORDER"] = new SqlKeyword(SqlTokenType.Bareword, false, SqlWord.Order);
        words["GROUP"] = new SqlKeyword(SqlTokenType.Bareword, false, SqlWord.Group);
        words["BY"] = new SqlKeyword(SqlTokenType.Keyword, false, SqlWord.By);

        return words.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}

/// <summary>How a word tokenizes: its class, whether a following <c>(</c> makes it a function call, and its folding role.</summary>
internal readonly record struct SqlKeyword(SqlTokenType Type, bool FunctionWhenCalled, SqlWord Word)
{
    public static SqlKeyword Bareword => new(SqlTokenType.Bareword, false, SqlWord.None);
}
