//! A recursive-descent parser for the Python subset, following Python's
//! grammar and operator precedence.

use super::ast::{BinOp, CmpOp, Expr, ExprKind, KeywordArg, Stmt, StmtKind, Target, UnaryOp};
use super::error::{LangError, Span};
use super::lexer::{Token, TokenKind, tokenize};

/// How deeply expressions may nest before the parser refuses (a guard
/// against stack exhaustion on pathological input).
pub const MAX_NESTING: usize = 64;

/// The tallest expression tree a chain of operators (`a + b + ...`) or of
/// trailers (`t.sum().sum()...`) may build. Chains are parsed in a loop, so
/// `MAX_NESTING` does not see them, but evaluating and dropping the tree
/// recurse once per level (about 10 KB per level in a debug build).
pub const MAX_CHAIN_HEIGHT: usize = 100;

/// Python keywords that start statements or expressions the playground does not run.
const UNSUPPORTED_KEYWORDS: &[&str] = &[
    "def", "class", "for", "while", "if", "elif", "else", "try", "except", "finally", "with", "return",
    "yield", "lambda", "global", "nonlocal", "del", "pass", "break", "continue", "raise", "assert", "async",
    "await", "from",
];

/// Parses a whole program.
pub fn parse(source: &str) -> Result<Vec<Stmt>, LangError> {
    let tokens = tokenize(source)?;
    let mut parser = Parser { tokens, pos: 0, depth: 0 };
    let mut statements = Vec::new();
    while !parser.at_end() {
        if parser.eat_op(";") || parser.eat_newline() {
            continue;
        }
        statements.push(parser.statement()?);
        if !(parser.eat_op(";") || parser.eat_newline() || parser.at_end()) {
            return Err(parser.invalid());
        }
    }
    Ok(statements)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> &Token {
        &self.tokens[self.pos.min(self.tokens.len() - 1)]
    }

    fn peek_kind(&self) -> &TokenKind {
        &self.peek().kind
    }

    fn next(&mut self) -> Token {
        let t = self.peek().clone();
        if self.pos < self.tokens.len() - 1 {
            self.pos += 1;
        }
        t
    }

    fn at_end(&self) -> bool {
        matches!(self.peek_kind(), TokenKind::End)
    }

    fn is_op(&self, op: &str) -> bool {
        matches!(self.peek_kind(), TokenKind::Op(o) if *o == op)
    }

    /// Whether the token `ahead` places after the next one is `op`.
    fn is_op_at(&self, ahead: usize, op: &str) -> bool {
        let at = (self.pos + ahead).min(self.tokens.len() - 1);
        matches!(&self.tokens[at].kind, TokenKind::Op(o) if *o == op)
    }

    fn is_keyword(&self, word: &str) -> bool {
        matches!(self.peek_kind(), TokenKind::Name(n) if n == word)
    }

    fn eat_op(&mut self, op: &str) -> bool {
        let found = self.is_op(op);
        if found {
            self.pos += 1;
        }
        found
    }

    fn eat_keyword(&mut self, word: &str) -> bool {
        let found = self.is_keyword(word);
        if found {
            self.pos += 1;
        }
        found
    }

    fn eat_newline(&mut self) -> bool {
        let found = matches!(self.peek_kind(), TokenKind::Newline);
        if found {
            self.pos += 1;
        }
        found
    }

    fn expect_op(&mut self, op: &str) -> Result<Span, LangError> {
        if self.is_op(op) { Ok(self.next().span) } else { Err(self.invalid()) }
    }

    /// Python's catch-all message, pointing at the current token.
    fn invalid(&self) -> LangError {
        LangError::syntax("invalid syntax", self.peek().span)
    }

    /// The end of the previous token, to close spans.
    fn last_span(&self) -> Span {
        self.tokens[self.pos.saturating_sub(1)].span
    }

    fn enter(&mut self) -> Result<(), LangError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(LangError::limit_at(
                "the expression is nested too deeply for the playground",
                self.peek().span,
            ));
        }
        Ok(())
    }

    fn statement(&mut self) -> Result<Stmt, LangError> {
        let start = self.peek().span;
        if matches!(self.peek_kind(), TokenKind::Indent) {
            return Err(LangError::indentation("unexpected indent", start));
        }
        if let TokenKind::Name(word) = self.peek_kind() {
            if word == "import" {
                return self.import();
            }
            if UNSUPPORTED_KEYWORDS.contains(&word.as_str()) {
                let what = match word.as_str() {
                    "def" => "defining functions (def)".to_string(),
                    "for" | "while" => format!("loops ({word})"),
                    "if" | "elif" | "else" => format!("conditionals ({word})"),
                    other => format!("the '{other}' statement"),
                };
                return Err(LangError::unsupported(what, start));
            }
        }
        let first = self.expression_list()?;
        if let TokenKind::Op(op) = self.peek_kind()
            && op.len() >= 2
            && op.ends_with('=')
            && !matches!(*op, "==" | "!=" | "<=" | ">=")
        {
            return Err(LangError::unsupported(format!("augmented assignment ({op})"), self.peek().span));
        }
        if !self.is_op("=") {
            return Ok(Stmt { span: start.to(first.extent), kind: StmtKind::Expr(first) });
        }
        let mut targets = vec![self.target(&first)?];
        let mut value;
        loop {
            self.expect_op("=")?;
            value = self.expression_list()?;
            if self.is_op("=") {
                targets.push(self.target(&value)?);
            } else {
                break;
            }
        }
        Ok(Stmt { span: start.to(value.extent), kind: StmtKind::Assign { targets, value } })
    }

    /// Turns the expression left of `=` into an assignment target.
    fn target(&self, e: &Expr) -> Result<Target, LangError> {
        match &e.kind {
            ExprKind::Name(n) => Ok(Target::Name(n.clone(), e.span)),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                Ok(Target::Tuple(items.iter().map(|i| self.target(i)).collect::<Result<_, _>>()?, e.span))
            }
            ExprKind::Subscript { .. } => {
                Err(LangError::unsupported("changing elements in place (t[...] = ...)", e.span))
            }
            ExprKind::Attribute { .. } => Err(LangError::unsupported("assigning to attributes", e.span)),
            ExprKind::Call { .. } => Err(LangError::syntax(
                "cannot assign to function call here. Maybe you meant '==' instead of '='?",
                e.span,
            )),
            _ => Err(LangError::syntax(
                "cannot assign to expression here. Maybe you meant '==' instead of '='?",
                e.span,
            )),
        }
    }

    fn import(&mut self) -> Result<Stmt, LangError> {
        let start = self.next().span;
        let (module, module_span) = self.dotted_name()?;
        let name = if self.eat_keyword("as") {
            match self.next() {
                Token { kind: TokenKind::Name(n), .. } => n,
                t => return Err(LangError::syntax("invalid syntax", t.span)),
            }
        } else {
            module.split('.').next().unwrap_or_default().to_string()
        };
        if !matches!(module.as_str(), "torch" | "numpy" | "torch.nn" | "torch.nn.functional") {
            return Err(LangError::unsupported(
                format!("importing '{module}' (only torch and numpy are available)"),
                module_span,
            ));
        }
        Ok(Stmt { span: start.to(self.last_span()), kind: StmtKind::Import { module, name } })
    }

    fn dotted_name(&mut self) -> Result<(String, Span), LangError> {
        let mut parts = Vec::new();
        let start = self.peek().span;
        loop {
            match self.next() {
                Token { kind: TokenKind::Name(n), .. } => parts.push(n),
                t => return Err(LangError::syntax("invalid syntax", t.span)),
            }
            if !self.eat_op(".") {
                break;
            }
        }
        Ok((parts.join("."), start.to(self.last_span())))
    }

    /// `a, b` (a bare tuple) or a single expression.
    fn expression_list(&mut self) -> Result<Expr, LangError> {
        let first = self.expression()?;
        if !self.is_op(",") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.at_expression_end() {
                break;
            }
            items.push(self.expression()?);
        }
        let span = items[0].extent.to(self.last_span());
        Ok(Expr::new(ExprKind::Tuple(items), span))
    }

    fn at_expression_end(&self) -> bool {
        matches!(self.peek_kind(), TokenKind::Newline | TokenKind::End)
            || self.is_op("=")
            || self.is_op(")")
            || self.is_op("]")
            || self.is_op(";")
    }

    fn expression(&mut self) -> Result<Expr, LangError> {
        self.enter()?;
        if self.is_keyword("lambda") {
            return Err(LangError::unsupported("lambda functions", self.peek().span));
        }
        let e = self.disjunction()?;
        if self.is_keyword("if") {
            return Err(LangError::unsupported("conditional expressions (x if c else y)", self.peek().span));
        }
        if self.is_keyword("for") {
            return Err(LangError::unsupported("comprehensions", self.peek().span));
        }
        self.depth -= 1;
        Ok(e)
    }

    fn disjunction(&mut self) -> Result<Expr, LangError> {
        self.bool_chain(false)
    }

    fn bool_chain(&mut self, and: bool) -> Result<Expr, LangError> {
        let word = if and { "and" } else { "or" };
        let first = if and { self.inversion()? } else { self.bool_chain(true)? };
        if !self.is_keyword(word) {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat_keyword(word) {
            values.push(if and { self.inversion()? } else { self.bool_chain(true)? });
        }
        let span = values[0].extent.to(self.last_span());
        Ok(Expr::new(ExprKind::BoolOp { and, values }, span))
    }

    fn inversion(&mut self) -> Result<Expr, LangError> {
        if self.is_keyword("not") {
            let start = self.next().span;
            self.enter()?;
            let operand = self.inversion()?;
            self.depth -= 1;
            let span = start.to(operand.extent);
            return Ok(Expr::new(ExprKind::Unary { op: UnaryOp::Not, operand: Box::new(operand) }, span));
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr, LangError> {
        let first = self.binary(0)?;
        let mut rest = Vec::new();
        while let Some(op) = self.compare_op() {
            rest.push((op, self.binary(0)?));
        }
        if rest.is_empty() {
            return Ok(first);
        }
        let span = first.extent.to(self.last_span());
        Ok(Expr::new(ExprKind::Compare { first: Box::new(first), rest }, span))
    }

    fn compare_op(&mut self) -> Option<CmpOp> {
        let op = match self.peek_kind() {
            TokenKind::Op("==") => CmpOp::Eq,
            TokenKind::Op("!=") => CmpOp::Ne,
            TokenKind::Op("<") => CmpOp::Lt,
            TokenKind::Op("<=") => CmpOp::Le,
            TokenKind::Op(">") => CmpOp::Gt,
            TokenKind::Op(">=") => CmpOp::Ge,
            TokenKind::Name(n) if n == "in" => CmpOp::In,
            TokenKind::Name(n) if n == "is" => {
                self.pos += 1;
                return Some(if self.eat_keyword("not") { CmpOp::IsNot } else { CmpOp::Is });
            }
            TokenKind::Name(n) if n == "not" => {
                let followed_by_in = matches!(&self.tokens.get(self.pos + 1).map(|t| &t.kind), Some(TokenKind::Name(n)) if n == "in");
                if !followed_by_in {
                    return None;
                }
                self.pos += 2;
                return Some(CmpOp::NotIn);
            }
            _ => return None,
        };
        self.pos += 1;
        Some(op)
    }

    /// Binary operators by precedence level, loosest first.
    fn binary(&mut self, level: usize) -> Result<Expr, LangError> {
        const LEVELS: &[&[(&str, BinOp)]] = &[
            &[("|", BinOp::BitOr)],
            &[("^", BinOp::BitXor)],
            &[("&", BinOp::BitAnd)],
            &[("<<", BinOp::LShift), (">>", BinOp::RShift)],
            &[("+", BinOp::Add), ("-", BinOp::Sub)],
            &[
                ("*", BinOp::Mul),
                ("/", BinOp::Div),
                ("//", BinOp::FloorDiv),
                ("%", BinOp::Mod),
                ("@", BinOp::MatMul),
            ],
        ];
        if level == LEVELS.len() {
            return self.factor();
        }
        let mut left = self.binary(level + 1)?;
        let mut tall = None;
        loop {
            let Some(&(_, op)) = LEVELS[level].iter().find(|(sym, _)| self.is_op(sym)) else {
                return Ok(left);
            };
            let at = self.next().span;
            let right = self.binary(level + 1)?;
            // Each operator puts the chain so far one level deeper.
            let h = tall.unwrap_or_else(|| height(&left)).max(height(&right)) + 1;
            tall = Some(chain_height(h, at)?);
            let span = left.extent.to(right.extent);
            left = Expr::new(ExprKind::Binary { op, left: Box::new(left), right: Box::new(right) }, span);
        }
    }

    /// Unary `-`, `+`, `~`, which bind looser than `**` (`-2**2` is -4).
    fn factor(&mut self) -> Result<Expr, LangError> {
        let op = match self.peek_kind() {
            TokenKind::Op("-") => UnaryOp::Neg,
            TokenKind::Op("+") => UnaryOp::Pos,
            TokenKind::Op("~") => UnaryOp::Invert,
            _ => return self.power(),
        };
        let start = self.next().span;
        // `-9223372036854775808` is int64's least, unless the literal is
        // itself raised to a power or used (`-2**63` stays too large).
        if op == UnaryOp::Neg
            && *self.peek_kind() == TokenKind::IntMinMagnitude
            && !["**", ".", "(", "["].iter().any(|op| self.is_op_at(1, op))
        {
            let span = start.to(self.next().span);
            return Ok(Expr::new(ExprKind::Int(i64::MIN), span));
        }
        self.enter()?;
        let operand = self.factor()?;
        self.depth -= 1;
        let span = start.to(operand.extent);
        Ok(Expr::new(ExprKind::Unary { op, operand: Box::new(operand) }, span))
    }

    fn power(&mut self) -> Result<Expr, LangError> {
        let base = self.primary()?;
        if !self.eat_op("**") {
            return Ok(base);
        }
        self.enter()?;
        let exponent = self.factor()?;
        self.depth -= 1;
        let span = base.extent.to(exponent.extent);
        Ok(Expr::new(
            ExprKind::Binary { op: BinOp::Pow, left: Box::new(base), right: Box::new(exponent) },
            span,
        ))
    }

    /// An atom followed by any number of `.name`, `(...)` and `[...]`.
    fn primary(&mut self) -> Result<Expr, LangError> {
        let mut e = self.atom()?;
        let mut tall = None;
        loop {
            if self.is_op(".") || self.is_op("(") || self.is_op("[") {
                // Each trailer puts the chain so far one level deeper (the
                // call's arguments are measured once the call is built).
                let h = tall.unwrap_or_else(|| height(&e)) + 1;
                tall = Some(chain_height(h, self.peek().span)?);
            }
            if self.eat_op(".") {
                let name = match self.next() {
                    Token { kind: TokenKind::Name(n), .. } => n,
                    t => return Err(LangError::syntax("invalid syntax", t.span)),
                };
                let span = e.extent.to(self.last_span());
                e = Expr::new(ExprKind::Attribute { value: Box::new(e), name }, span);
            } else if self.eat_op("(") {
                let (args, kwargs) = self.call_arguments()?;
                let widest = args.iter().chain(kwargs.iter().map(|(_, a)| a)).map(height).max();
                tall = Some(chain_height(tall.unwrap_or(0).max(widest.unwrap_or(0) + 1), self.last_span())?);
                let span = e.extent.to(self.last_span());
                e = Expr::new(ExprKind::Call { func: Box::new(e), args, kwargs }, span);
            } else if self.eat_op("[") {
                let index = self.subscript()?;
                self.expect_op("]")?;
                tall = Some(chain_height(tall.unwrap_or(0).max(height(&index) + 1), self.last_span())?);
                let span = e.extent.to(self.last_span());
                e = Expr::new(ExprKind::Subscript { value: Box::new(e), index: Box::new(index) }, span);
            } else {
                return Ok(e);
            }
        }
    }

    fn call_arguments(&mut self) -> Result<(Vec<Expr>, Vec<KeywordArg>), LangError> {
        self.enter()?;
        let mut args = Vec::new();
        let mut kwargs: Vec<(String, Expr)> = Vec::new();
        while !self.eat_op(")") {
            if self.is_op("*") || self.is_op("**") {
                return Err(LangError::unsupported("unpacking arguments with * or **", self.peek().span));
            }
            let keyword = match (self.peek_kind(), self.tokens.get(self.pos + 1).map(|t| &t.kind)) {
                (TokenKind::Name(n), Some(TokenKind::Op("="))) => Some(n.clone()),
                _ => None,
            };
            if let Some(name) = keyword {
                let span = self.next().span;
                self.pos += 1;
                if kwargs.iter().any(|(k, _)| *k == name) {
                    return Err(LangError::syntax(format!("keyword argument repeated: {name}"), span));
                }
                kwargs.push((name, self.expression()?));
            } else {
                let arg = self.expression()?;
                if !kwargs.is_empty() {
                    return Err(LangError::syntax("positional argument follows keyword argument", arg.span));
                }
                args.push(arg);
            }
            if !self.eat_op(",") {
                self.expect_op(")")?;
                break;
            }
        }
        self.depth -= 1;
        Ok((args, kwargs))
    }

    /// The inside of `[...]`: one item, or a tuple of items; items may be slices.
    fn subscript(&mut self) -> Result<Expr, LangError> {
        let start = self.peek().span;
        let first = self.slice_item()?;
        if !self.is_op(",") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.is_op("]") {
                break;
            }
            items.push(self.slice_item()?);
        }
        Ok(Expr::new(ExprKind::Tuple(items), start.to(self.last_span())))
    }

    fn slice_item(&mut self) -> Result<Expr, LangError> {
        let start = self.peek().span;
        let lower = if self.is_op(":") { None } else { Some(Box::new(self.expression()?)) };
        if !self.eat_op(":") {
            return lower.map(|b| *b).ok_or_else(|| self.invalid());
        }
        let bound = |p: &mut Parser| -> Result<Option<Box<Expr>>, LangError> {
            if p.is_op(":") || p.is_op(",") || p.is_op("]") {
                Ok(None)
            } else {
                Ok(Some(Box::new(p.expression()?)))
            }
        };
        let upper = bound(self)?;
        let step = if self.eat_op(":") { bound(self)? } else { None };
        let span = start.to(self.last_span());
        Ok(Expr::new(ExprKind::Slice { start: lower, stop: upper, step }, span))
    }

    fn atom(&mut self) -> Result<Expr, LangError> {
        let token = self.next();
        let span = token.span;
        let kind = match token.kind {
            TokenKind::Int(i) => ExprKind::Int(i),
            TokenKind::IntMinMagnitude => {
                return Err(LangError::int_too_large_at(span));
            }
            TokenKind::Float(f) => ExprKind::Float(f),
            TokenKind::Str(mut s) => {
                // Adjacent literals concatenate, as in Python.
                while let TokenKind::Str(more) = self.peek_kind() {
                    s.push_str(more);
                    self.pos += 1;
                }
                ExprKind::Str(s)
            }
            TokenKind::Name(n) => match n.as_str() {
                "True" => ExprKind::Bool(true),
                "False" => ExprKind::Bool(false),
                "None" => ExprKind::None,
                "lambda" => return Err(LangError::unsupported("lambda functions", span)),
                "yield" | "await" => return Err(LangError::unsupported(format!("'{n}'"), span)),
                k if is_reserved(k) => return Err(LangError::syntax("invalid syntax", span)),
                _ => ExprKind::Name(n),
            },
            TokenKind::Op("...") => ExprKind::Ellipsis,
            TokenKind::Op("(") => return self.parenthesized(span),
            TokenKind::Op("[") => {
                self.enter()?;
                let items = self.sequence("]")?;
                self.depth -= 1;
                ExprKind::List(items)
            }
            TokenKind::Op("{") => {
                return Err(LangError::unsupported("dictionaries and sets", span));
            }
            _ => return Err(LangError::syntax("invalid syntax", span)),
        };
        Ok(Expr::new(kind, span.to(self.last_span())))
    }

    /// `(expr)` or a tuple `(a, b)`, `(a,)`, `()`.
    fn parenthesized(&mut self, open: Span) -> Result<Expr, LangError> {
        self.enter()?;
        if self.eat_op(")") {
            self.depth -= 1;
            return Ok(Expr::new(ExprKind::Tuple(Vec::new()), open.to(self.last_span())));
        }
        let first = self.expression()?;
        let result = if self.eat_op(")") {
            // Parentheses only group: the inner expression keeps its own span
            // and text (its label), and they widen only its extent.
            Expr { extent: open.to(self.last_span()), ..first }
        } else {
            self.expect_op(",")?;
            let mut items = vec![first];
            items.extend(self.sequence(")")?);
            Expr::new(ExprKind::Tuple(items), open.to(self.last_span()))
        };
        self.depth -= 1;
        Ok(result)
    }

    /// Comma-separated expressions up to the closing `close` (trailing comma allowed).
    fn sequence(&mut self, close: &str) -> Result<Vec<Expr>, LangError> {
        let mut items = Vec::new();
        while !self.eat_op(close) {
            if self.is_op("*") {
                return Err(LangError::unsupported("unpacking with *", self.peek().span));
            }
            items.push(self.expression()?);
            if !self.eat_op(",") {
                self.expect_op(close)?;
                break;
            }
        }
        Ok(items)
    }
}

/// How many levels deep `e` is. Every subtree was measured when it was
/// built, so this recursion is bounded.
fn height(e: &Expr) -> usize {
    let tallest = |items: &mut dyn Iterator<Item = &Expr>| items.map(height).max().unwrap_or(0);
    1 + match &e.kind {
        ExprKind::Attribute { value, .. } => height(value),
        ExprKind::Call { func, args, kwargs } => {
            tallest(&mut std::iter::once(&**func).chain(args).chain(kwargs.iter().map(|(_, a)| a)))
        }
        ExprKind::Subscript { value, index } => height(value).max(height(index)),
        ExprKind::Slice { start, stop, step } => {
            tallest(&mut [start, stop, step].into_iter().flatten().map(|b| &**b))
        }
        ExprKind::Unary { operand, .. } => height(operand),
        ExprKind::Binary { left, right, .. } => height(left).max(height(right)),
        ExprKind::Compare { first, rest } => {
            tallest(&mut std::iter::once(&**first).chain(rest.iter().map(|(_, e)| e)))
        }
        ExprKind::BoolOp { values, .. } | ExprKind::List(values) | ExprKind::Tuple(values) => {
            tallest(&mut values.iter())
        }
        ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_)
        | ExprKind::Bool(_)
        | ExprKind::None
        | ExprKind::Ellipsis
        | ExprKind::Name(_) => 0,
    }
}

/// Refuses a chain that has grown taller than `MAX_CHAIN_HEIGHT`.
fn chain_height(height: usize, at: Span) -> Result<usize, LangError> {
    if height > MAX_CHAIN_HEIGHT {
        return Err(LangError::limit_at("the expression is too long a chain for the playground", at));
    }
    Ok(height)
}

/// Keywords that cannot be names.
fn is_reserved(word: &str) -> bool {
    matches!(word, "and" | "or" | "not" | "in" | "is" | "as" | "import")
        || UNSUPPORTED_KEYWORDS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expr(src: &str) -> ExprKind {
        match parse(src).unwrap().remove(0).kind {
            StmtKind::Expr(e) => e.kind,
            other => panic!("not an expression: {other:?}"),
        }
    }

    #[test]
    fn power_binds_tighter_than_unary_minus() {
        let ExprKind::Unary { op: UnaryOp::Neg, operand } = expr("-2 ** 2") else { panic!() };
        assert!(matches!(operand.kind, ExprKind::Binary { op: BinOp::Pow, .. }));
    }

    #[test]
    fn method_calls_with_keywords() {
        let ExprKind::Call { func, args, kwargs } = expr("t.sum(dim=0, keepdim=True)") else { panic!() };
        assert!(matches!(func.kind, ExprKind::Attribute { ref name, .. } if name == "sum"));
        assert!(args.is_empty());
        assert_eq!(kwargs.len(), 2);
    }

    #[test]
    fn tuple_unpacking_assignment() {
        let stmt = parse("values, indices = t.max(dim=1)").unwrap().remove(0);
        let StmtKind::Assign { targets, .. } = stmt.kind else { panic!() };
        assert!(matches!(&targets[0], Target::Tuple(items, _) if items.len() == 2));
    }

    #[test]
    fn subscripts_with_slices_and_ellipsis() {
        let ExprKind::Subscript { index, .. } = expr("t[..., 1:, ::2, None]") else { panic!() };
        assert!(matches!(index.kind, ExprKind::Tuple(ref items) if items.len() == 4));
    }

    #[test]
    fn unsupported_syntax_is_named() {
        let err = parse("for x in t:\n  x").unwrap_err();
        assert_eq!(
            err.to_string(),
            "NotImplementedError: the playground does not support loops (for) (line 1, column 1)"
        );
        let err = parse("x = 1\n  y").unwrap_err();
        assert_eq!(err.to_string(), "IndentationError: unexpected indent (line 2, column 1)");
        let err = parse("t += 1").unwrap_err();
        assert!(err.to_string().contains("augmented assignment (+=)"));
    }

    #[test]
    fn grouping_parentheses_belong_to_the_expression_built_on_them() {
        let text = |src: &str| {
            let StmtKind::Expr(e) = parse(src).unwrap().remove(0).kind else { panic!() };
            src[e.span.start..e.span.end].to_string()
        };
        // Alone, a group is labelled by what it holds.
        assert_eq!(text("(t + 1)"), "t + 1");
        assert_eq!(text("((t + 1))"), "t + 1");
        // Built on, it keeps both of its parentheses.
        assert_eq!(text("(t + 1) * 2"), "(t + 1) * 2");
        assert_eq!(text("2 * (t + 1)"), "2 * (t + 1)");
        assert_eq!(text("-(t + 1)"), "-(t + 1)");
        assert_eq!(text("(t[0] + t[1]).sum()"), "(t[0] + t[1]).sum()");
        assert_eq!(text("(t) ** (2)"), "(t) ** (2)");
        assert_eq!(text("(a) < (b)"), "(a) < (b)");
        assert_eq!(text("(a) and (b)"), "(a) and (b)");
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let src = format!("{}1{}", "(".repeat(500), ")".repeat(500));
        assert!(parse(&src).is_err());
        let src = format!("{}1", "-".repeat(5000));
        assert!(parse(&src).is_err());
    }
}
