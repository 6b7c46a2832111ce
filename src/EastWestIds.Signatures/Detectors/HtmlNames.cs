using System.Collections.Frozen;

namespace EastWestIds.Signatures.Detectors;

/// <summary>
/// The HTML vocabulary of the XSS detector: tags that run script or load active content, event names, and
/// attributes whose value is a URL. Looked up case-insensitively by span (no allocation).
/// </summary>
internal static class HtmlNames
{
    private const int MaxNameLength = 40;

    // Tags that are dangerous by themselves. meta, link and style are judged by their attributes or content
    // instead: rich-text editors and clipboard pastes emit <meta charset>, <link rel=stylesheet> and <style>.
    private static readonly FrozenSet<string> s_blackTags = Set(
        "script iframe frame frameset object embed applet base xml xss isindex vmlframe import handler listener layer ilayer " +
        "bgsound portal noscript");

    private static readonly FrozenSet<string> s_events = Set(
        "abort activate afterprint afterscriptexecute animationcancel animationend animationiteration animationstart auxclick " +
        "beforeactivate beforecopy beforecut beforedeactivate beforeeditfocus beforeinput beforematch beforepaste beforeprint " +
        "beforescriptexecute beforetoggle beforeunload begin blur bounce canplay canplaythrough cellchange change click close " +
        "contentvisibilityautostatechange contextlost contextmenu contextrestored controlselect copy cuechange cut dataavailable " +
        "datasetchanged datasetcomplete dblclick deactivate drag dragend dragenter dragexit dragleave dragover dragstart drop " +
        "durationchange emptied end ended error errorupdate filterchange finish focus focusin focusout formchange formdata " +
        "forminput fullscreenchange fullscreenerror gotpointercapture hashchange help input invalid keydown keypress keyup " +
        "layoutcomplete load loadeddata loadedmetadata loadend loadstart losecapture lostpointercapture message messageerror " +
        "mousedown mouseenter mouseleave mousemove mouseout mouseover mouseup mousewheel move moveend movestart mozfullscreenchange " +
        "offline online pagehide pagereveal pageshow pageswap paste pause play playing pointercancel pointerdown pointerenter " +
        "pointerleave pointermove pointerout pointerover pointerrawupdate pointerup popstate progress propertychange ratechange " +
        "readystatechange rejectionhandled repeat reset resize resizeend resizestart rowenter rowexit rowsdelete rowsinserted " +
        "scroll scrollend scrollsnapchange scrollsnapchanging search securitypolicyviolation seek seeked seeking select " +
        "selectionchange selectstart show slotchange stalled start stop storage submit suspend timeerror timeupdate toggle " +
        "touchcancel touchend touchmove touchstart transitioncancel transitionend transitionrun transitionstart unhandledrejection " +
        "unload urlflip visibilitychange volumechange waiting webkitanimationend webkitanimationiteration webkitanimationstart " +
        "webkitfullscreenchange webkitmouseforcechanged webkitmouseforcedown webkitmouseforceup webkitmouseforcewillbegin " +
        "webkitplaybacktargetavailabilitychanged webkittransitionend webkitwillrevealbottom wheel zoom");

    // attributes that take a URL (where data: is dangerous too); javascript: is dangerous in any attribute
    private static readonly FrozenSet<string> s_urlAttributes = Set(
        "href src action background dynsrc lowsrc data codebase poster srcset cite longdesc usemap profile classid " +
        "ping manifest archive folder to from values by icon content");

    // dangerous whatever their value: srcdoc holds a whole document; SVG attributeName retargets an animation onto href
    private static readonly FrozenSet<string> s_blackAttributes = Set("srcdoc attributename fscommand seeksegmenttime formaction");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_blackTagLookup = s_blackTags.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_eventLookup = s_events.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_urlLookup = s_urlAttributes.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_blackAttributeLookup = s_blackAttributes.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsBlackTag(ReadOnlySpan<byte> name) => Contains(s_blackTagLookup, LocalName(name));

    /// <summary>The attribute names dangerous by themselves (<see cref="IsBlackAttribute"/>), lower case.</summary>
    public static IEnumerable<string> BlackAttributes => s_blackAttributes;

    /// <summary>Whether <paramref name="name"/> is <c>on</c> + a DOM event (<c>onerror</c>, <c>onpointerenter</c>…).</summary>
    public static bool IsEventHandler(ReadOnlySpan<byte> name) =>
        name.Length > 2 && (name[0] | 0x20) == 'o' && (name[1] | 0x20) == 'n' && Contains(s_eventLookup, name[2..]);

    /// <summary>
    /// The most letters after <c>on</c> a name of unknown event may have and still count as a handler. The longest real
    /// event (webkitplaybacktargetavailabilitychanged) has 39 and is in the list; the bound is CRS 941120's
    /// (<c>on[a-zA-Z]{3,50}</c>): a longer word is an ordinary identifier that happens to start with "on".
    /// </summary>
    public const int MaxHandlerLikeLetters = 50;

    /// <summary>Whether <paramref name="name"/> has the shape of an event handler: <c>on</c> and 3 to <see cref="MaxHandlerLikeLetters"/> letters.</summary>
    public static bool IsHandlerLike(ReadOnlySpan<byte> name)
    {
        if (name.Length < 5 || name.Length > 2 + MaxHandlerLikeLetters || (name[0] | 0x20) != 'o' || (name[1] | 0x20) != 'n')
        {
            return false;
        }

        foreach (byte b in name[2..])
        {
            if ((uint)((b | 0x20) - 'a') > 25)
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsUrlAttribute(ReadOnlySpan<byte> name) => Contains(s_urlLookup, LocalName(name));

    public static bool IsBlackAttribute(ReadOnlySpan<byte> name)
    {
        // cheap pre-check (every word of prose is an "attribute name" in the attribute contexts): the black
        // attributes are 6 to 15 letters and start with s, a or f
        var local = LocalName(name);
        return local.Length is >= 6 and <= 15 && (local[0] | 0x20) is 's' or 'a' or 'f' && Contains(s_blackAttributeLookup, local);
    }

    /// <summary>The name without an XML namespace prefix (<c>x:script</c> is a script in XHTML, <c>xlink:href</c> an href).</summary>
    public static ReadOnlySpan<byte> LocalName(ReadOnlySpan<byte> name)
    {
        int colon = name.LastIndexOf((byte)':');
        return colon >= 0 ? name[(colon + 1)..] : name;
    }

    public static bool NameEquals(ReadOnlySpan<byte> name, string lowerAscii)
    {
        if (name.Length != lowerAscii.Length)
        {
            return false;
        }

        for (int i = 0; i < name.Length; i++)
        {
            if ((name[i] | 0x20) != lowerAscii[i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool Contains(FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> set, ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty || name.Length > MaxNameLength)
        {
            return false;
        }

        Span<char> chars = stackalloc char[MaxNameLength];
        int length = 0;
        foreach (byte b in name)
        {
            if (b == 0)
            {
                continue; // a NUL inside a name is dropped by old parsers: <scr\0ipt>
            }

            if (b >= 0x80)
            {
                return false;
            }

            chars[length++] = (char)b;
        }

        return set.Contains(chars[..length]);
    }

    private static FrozenSet<string> Set(string names) =>
        names.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}
