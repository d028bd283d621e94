;; The decoder of the module text the browser entry carries (scripts/embed-wasm.mjs writes the
;; text, pkg-template/load.js's `bytesOf` runs this). Decoding 60,000 characters in JavaScript
;; takes a page's main thread several milliseconds on a phone; here, well under one.
;;
;; Memory (the caller's): a table of 384 u16 at 0, then the text's characters (ASCII, one byte
;; each, written by TextEncoder.encodeInto) from byte 768. Table entry c (< 128) is the byte that
;; character c stands for, 256 + p when c is prefix p (0 or 1) of a two-character code, or 512
;; when c is not in the alphabet; entry 128 * (p + 1) + c is the byte of prefix p then c.
;; `d(n)` decodes the n characters in place (a byte never takes more room than its code) and
;; returns the number of bytes, or -1 when the text is not a text of this code.
(module
  (import "a" "m" (memory 1))
  (func (export "d") (param $n i32) (result i32)
    (local $i i32) (local $j i32) (local $end i32) (local $v i32)
    (local.set $i (i32.const 768))
    (local.set $j (i32.const 768))
    (local.set $end (i32.add (i32.const 768) (local.get $n)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $v (i32.load16_u (i32.shl (i32.load8_u (local.get $i)) (i32.const 1))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (if (i32.ge_u (local.get $v) (i32.const 256))
          (then
            ;; Not in the alphabet, or a prefix with nothing after it.
            (if (i32.or (i32.ge_u (local.get $v) (i32.const 258)) (i32.ge_u (local.get $i) (local.get $end)))
              (then (return (i32.const -1))))
            (local.set $v
              (i32.load16_u
                (i32.shl
                  (i32.add (i32.shl (i32.sub (local.get $v) (i32.const 255)) (i32.const 7))
                           (i32.load8_u (local.get $i)))
                  (i32.const 1))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (if (i32.ge_u (local.get $v) (i32.const 256)) (then (return (i32.const -1))))))
        (i32.store8 (local.get $j) (local.get $v))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $next)))
    (i32.sub (local.get $j) (i32.const 768))))
