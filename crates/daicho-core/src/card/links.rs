//! The links a card's contact details open: its website in the browser, its e-mail address in
//! the mail program, a phone number in the phone app, a LINE or WhatsApp ID in that app (by
//! the app's own web link; WeChat, QQ and KakaoTalk have none for an ID, which is copied). A link is made only from what the field
//! holds and only with these four schemes; anything else (`javascript:`, `file:`, a path, a
//! website with a password in it) makes no link at all.

use url::Url;

api_enum!(
    /// Which contact detail a link is made from.
    LinkKind {
        Website = "website",
        Email = "email",
        Phone = "phone",
        Line = "line",
        Whatsapp = "whatsapp",
    }
);

/// The only schemes Daicho hands to the system.
const SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// The link `value` (a card's website, e-mail or phone) opens, when it makes one.
pub fn link_for(kind: LinkKind, value: &str) -> Option<String> {
    let value = value.trim();
    let refused = |c: char| {
        c.is_control()
            || crate::terminal::is_disguise(c)
            || (c.is_whitespace() && !matches!(kind, LinkKind::Phone | LinkKind::Whatsapp))
    };
    if value.is_empty() || value.chars().any(refused) {
        return None;
    }
    let url = match kind {
        LinkKind::Website => website(value)?,
        LinkKind::Email => email(value)?,
        LinkKind::Phone => phone(value)?,
        LinkKind::Line => line_id(value)?,
        LinkKind::Whatsapp => whatsapp(value)?,
    };
    is_openable(url.as_str()).then(|| url.to_string())
}

fn website(value: &str) -> Option<Url> {
    match Url::parse(value) {
        Ok(url) => Some(url),
        // `www.example.co.jp/about` as reps write it: the browser's default scheme.
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            let url = Url::parse(&format!("https://{value}")).ok()?;
            url.host_str()
                .is_some_and(|h| h.contains('.'))
                .then_some(url)
        }
        Err(_) => None,
    }
}

fn email(value: &str) -> Option<Url> {
    let (local, domain) = value.split_once('@')?;
    let plain =
        |s: &str| !s.is_empty() && !s.contains(['@', '?', '#', '&', ',', ';', ':', '/', '\\', '%']);
    if !plain(local) || !plain(domain) || !domain.contains('.') {
        return None;
    }
    Url::parse(&format!("mailto:{value}")).ok()
}

fn phone(value: &str) -> Option<Url> {
    let digits = crate::text::digits(value);
    if digits.len() < 3 || digits.len() > 20 {
        return None;
    }
    let plus = if value.starts_with(['+', '＋']) {
        "+"
    } else {
        ""
    };
    Url::parse(&format!("tel:{plus}{digits}")).ok()
}

/// A LINE ID (letters, digits, `.`, `_`, `-`; a leading `@` for official accounts) opens the
/// friend page LINE documents at `line.me/R/ti/p/`.
fn line_id(value: &str) -> Option<Url> {
    let (account, id) = match value.strip_prefix('@') {
        Some(id) => ("@", id),
        None => ("~", value),
    };
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
    if id.is_empty() || id.len() > 40 || !id.chars().all(allowed) {
        return None;
    }
    Url::parse(&format!("https://line.me/R/ti/p/{account}{id}")).ok()
}

/// A WhatsApp number in international form opens its chat at `wa.me`.
fn whatsapp(value: &str) -> Option<Url> {
    let digits = crate::text::digits(value);
    if digits.len() < 7 || digits.len() > 15 {
        return None;
    }
    Url::parse(&format!("https://wa.me/{digits}")).ok()
}

/// Whether `url` may be handed to the system: one of the four schemes, and for the web a host
/// and no user name or password (`https://bank.example@evil.example` shows one site and opens
/// another).
pub fn is_openable(url: &str) -> bool {
    let Ok(url) = Url::parse(url) else {
        return false;
    };
    if !SCHEMES.contains(&url.scheme()) {
        return false;
    }
    match url.scheme() {
        "http" | "https" => {
            url.host_str().is_some_and(|h| !h.is_empty())
                && url.username().is_empty()
                && url.password().is_none()
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn websites_as_reps_write_them_open_in_the_browser_and_nothing_else_does() {
        let web = |v| link_for(LinkKind::Website, v);
        assert_eq!(
            web("www.suzuki-shoten.co.jp").as_deref(),
            Some("https://www.suzuki-shoten.co.jp/")
        );
        assert_eq!(
            web("http://example.com/a?b=1").as_deref(),
            Some("http://example.com/a?b=1")
        );
        assert_eq!(
            web("https://例え.jp/").as_deref(),
            Some("https://xn--r8jz45g.jp/")
        );
        for hostile in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "/home/rep/secret.xlsx",
            "https://bank.example@evil.example/",
            "vbscript:msgbox",
            "localhost",
            "https://example.com/\u{202E}gpj.exe",
            "",
        ] {
            assert_eq!(web(hostile), None, "{hostile}");
        }
    }

    #[test]
    fn e_mail_addresses_and_phone_numbers_make_mailto_and_tel_links() {
        assert_eq!(
            link_for(LinkKind::Email, "tanaka@example.co.jp").as_deref(),
            Some("mailto:tanaka@example.co.jp")
        );
        assert_eq!(link_for(LinkKind::Email, "a@b.cn?subject=x"), None);
        assert_eq!(link_for(LinkKind::Email, "not an address"), None);
        assert_eq!(
            link_for(LinkKind::Phone, "03-1234-5678").as_deref(),
            Some("tel:0312345678")
        );
        assert_eq!(
            link_for(LinkKind::Phone, "+86 10 8888 6666").as_deref(),
            Some("tel:+861088886666")
        );
        assert_eq!(link_for(LinkKind::Phone, "内線"), None);
    }

    #[test]
    fn line_and_whatsapp_ids_open_the_apps_own_web_links_and_nothing_else() {
        assert_eq!(
            link_for(LinkKind::Line, "tanaka_k82").as_deref(),
            Some("https://line.me/R/ti/p/~tanaka_k82")
        );
        assert_eq!(
            link_for(LinkKind::Line, "@daicho-shop").as_deref(),
            Some("https://line.me/R/ti/p/@daicho-shop")
        );
        // A path or a query smuggled into an ID makes no link.
        assert_eq!(link_for(LinkKind::Line, "a/../../evil"), None);
        assert_eq!(link_for(LinkKind::Line, "x?y=1"), None);
        assert_eq!(link_for(LinkKind::Line, "田中"), None);
        assert_eq!(
            link_for(LinkKind::Whatsapp, "+1 415 555 0123").as_deref(),
            Some("https://wa.me/14155550123")
        );
        assert_eq!(link_for(LinkKind::Whatsapp, "123"), None);
    }

    #[test]
    fn only_the_four_schemes_are_ever_opened() {
        assert!(is_openable("https://example.com/"));
        assert!(is_openable("mailto:a@example.com"));
        assert!(is_openable("tel:+81312345678"));
        assert!(!is_openable("javascript:alert(1)"));
        assert!(!is_openable("file:///etc/passwd"));
        assert!(!is_openable("smb://server/share"));
        assert!(!is_openable("https://user:pw@example.com/"));
    }
}
