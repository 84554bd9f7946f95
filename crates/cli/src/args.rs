//! A small argument splitter: positional arguments and `--flag [value]`.

/// Parsed arguments of one command.
pub(crate) struct Args {
    pub positional: Vec<String>,
    flags: Vec<(String, Option<String>)>,
}

impl Args {
    /// Splits `argv`; `valued` lists the flags that take a value.
    pub(crate) fn parse(
        argv: &[String],
        valued: &[&str],
        switches: &[&str],
    ) -> Result<Args, String> {
        let mut positional = Vec::new();
        let mut flags = Vec::new();
        let mut it = argv.iter();
        while let Some(a) = it.next() {
            if a == "--" {
                positional.extend(it.by_ref().cloned());
                break;
            }
            if a.starts_with('-') && a.len() > 1 && !a.starts_with("--") && a.len() != 2 {
                positional.push(a.clone()); // "-روسيا" is a query, not a flag
            } else if valued.contains(&a.as_str()) {
                let v = it.next().ok_or_else(|| format!("{a} needs a value"))?;
                flags.push((a.clone(), Some(v.clone())));
            } else if switches.contains(&a.as_str()) {
                flags.push((a.clone(), None));
            } else if a.starts_with("--") || (a.len() == 2 && a.starts_with('-')) {
                return Err(format!("unknown option {a}; see fahras --help"));
            } else {
                positional.push(a.clone());
            }
        }
        Ok(Args { positional, flags })
    }

    pub(crate) fn value(&self, names: &[&str]) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(n, _)| names.contains(&n.as_str()))
            .and_then(|(_, v)| v.as_deref())
    }

    pub(crate) fn has(&self, name: &str) -> bool {
        self.flags.iter().any(|(n, _)| n == name)
    }

    pub(crate) fn number(&self, names: &[&str], default: usize) -> Result<usize, String> {
        match self.value(names) {
            None => Ok(default),
            Some(v) => {
                v.parse().map_err(|_| format!("{} needs a whole number, got {v:?}", names[0]))
            }
        }
    }
}
